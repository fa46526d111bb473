using Cchc.Core.Ranking;
using Cchc.Core.Scorecards;

namespace Cchc.Core.Reliability;

/// <summary>
/// The reliability of self-assessment across a scope: the compared communes in the requested order, the others
/// apart (by name) with the reason, and the scope's totals over the compared ones.
/// </summary>
public sealed record ReliabilityReport(
    IReadOnlyList<CommuneReliability> Compared,
    IReadOnlyList<CommuneReliability> NotCompared,
    decimal SelfTotal,
    decimal AppraisedTotal,
    int ItemsCompared,
    int ItemsOver)
{
    public decimal Gap => SelfTotal - AppraisedTotal;

    /// <summary>Analyses each result and orders them.</summary>
    /// <param name="descending">Largest first; for <see cref="ReliabilitySort.Name"/>, Z to A.</param>
    /// <exception cref="KeyNotFoundException">The framework has no node <paramref name="fieldCode"/>.</exception>
    public static ReliabilityReport Build(
        IEnumerable<ScorecardResult> results, string? fieldCode, ReliabilitySort sort, bool descending, IEnumerable<CommuneReliability>? unscorable = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        return Of([.. results.Select(r => ReliabilityAnalyzer.Analyze(r, fieldCode)), .. unscorable ?? []], sort, descending);
    }

    /// <summary>Orders analysed communes.</summary>
    public static ReliabilityReport Of(IReadOnlyList<CommuneReliability> communes, ReliabilitySort sort, bool descending)
    {
        ArgumentNullException.ThrowIfNull(communes);
        List<CommuneReliability> compared = [.. communes.Where(c => c.IsCompared)];
        compared.Sort(Order(sort, descending));
        List<CommuneReliability> apart = [.. communes.Where(c => !c.IsCompared)];
        apart.Sort(ByName);
        return new ReliabilityReport(compared, apart, compared.Sum(c => c.SelfTotal), compared.Sum(c => c.AppraisedTotal),
            compared.Sum(c => c.ItemsCompared), compared.Sum(c => c.ItemsOver));
    }

    /// <summary>The order: the key in the direction asked, then name A to Z, then code.</summary>
    public static Comparison<CommuneReliability> Order(ReliabilitySort sort, bool descending)
    {
        var sign = descending ? -1 : 1;
        return (x, y) =>
        {
            var byKey = sort switch
            {
                ReliabilitySort.Gap => x.Gap.CompareTo(y.Gap),
                ReliabilitySort.Self => x.SelfTotal.CompareTo(y.SelfTotal),
                ReliabilitySort.Appraised => x.AppraisedTotal.CompareTo(y.AppraisedTotal),
                ReliabilitySort.ItemsOver => x.ItemsOver.CompareTo(y.ItemsOver),
                _ => VietnameseNameComparer.Instance.Compare(x.Name, y.Name),
            };
            return byKey != 0 ? sign * byKey : ByName(x, y);
        };
    }

    private static int ByName(CommuneReliability x, CommuneReliability y)
    {
        var byName = VietnameseNameComparer.Instance.Compare(x.Name, y.Name);
        return byName != 0 ? byName : string.CompareOrdinal(x.UnitCode, y.UnitCode);
    }
}
