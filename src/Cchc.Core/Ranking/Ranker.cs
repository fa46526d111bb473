namespace Cchc.Core.Ranking;

/// <summary>Ranks any set of units (a district, a province), on their official rounded indices.</summary>
public static class Ranker
{
    /// <exception cref="ArgumentException">A unit code repeats, or an index is not an official two-decimal figure in [0, 100].</exception>
    public static RankingResult Rank(IEnumerable<RankCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rankable = new List<RankCandidate>();
        var unranked = new List<UnrankedUnit>();
        foreach (var candidate in candidates)
        {
            if (!seen.Add(candidate.UnitCode))
            {
                throw new ArgumentException($"Unit {candidate.UnitCode} appears more than once in the ranking.", nameof(candidates));
            }

            RankOrder.CheckIndex(candidate);
            if (candidate.UnrankedReason is { } reason)
            {
                unranked.Add(new UnrankedUnit(candidate.UnitCode, candidate.Name, reason));
            }
            else
            {
                rankable.Add(candidate);
            }
        }

        rankable.Sort(RankOrder.Compare);
        unranked.Sort((a, b) => RankOrder.CompareTies(a.Name, a.UnitCode, b.Name, b.UnitCode));
        return new RankingResult(Assign(rankable), unranked);
    }

    private static RankedUnit[] Assign(List<RankCandidate> sorted)
    {
        var groupSizes = new List<int>();
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i == 0 || sorted[i].Index != sorted[i - 1].Index)
            {
                groupSizes.Add(0);
            }

            groupSizes[^1]++;
        }

        var ranked = new RankedUnit[sorted.Count];
        var (group, competition) = (0, 1);
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0 && sorted[i].Index != sorted[i - 1].Index)
            {
                group++;
                competition = i + 1;
            }

            var answer = new RankAnswer(competition, group + 1, groupSizes.Count, groupSizes[group], sorted.Count);
            ranked[i] = new RankedUnit(sorted[i].UnitCode, sorted[i].Name, sorted[i].Index!.Value, answer);
        }

        return ranked;
    }
}
