using Cchc.Core;
using Cchc.Core.Reliability;
using Cchc.Core.Scorecards;
using Cchc.Core.Units;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;

namespace Cchc.Grains.Reliability;

/// <summary>
/// Reads the members' stored entries (the ranking grain's candidates, then each commune's scores), scores them against
/// one framework copy, and compares self-assessment with appraisal in the core's <see cref="ReliabilityReport"/>.
/// Nothing is kept between calls but the framework copy: the figures always follow the latest entries.
/// </summary>
public sealed class ReliabilityGrain : Grain, IReliabilityGrain
{
    private FrameworkCache? _frameworks;

    public async Task<ReliabilityView> GetReliabilityAsync(string? fieldCode, ReliabilitySort sort, bool descending, CancellationToken cancellationToken = default)
    {
        var (scope, period) = GrainKeys.ParsePeriodKey(this.GetPrimaryKeyString());

        // The ranking grain knows the scope's members and refuses an unknown scope (NotFound) before anything else.
        var candidates = await GrainFactory.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(scope, period)).GetCandidatesAsync(null, cancellationToken);
        var province = UnitCodes.IsProvince(scope)
            ? scope
            : (await GrainFactory.GetGrain<IUnitGrain>(scope).GetMembershipAsync(period.Year, cancellationToken))?.ProvinceCode
              ?? throw RequestRejectedException.NotFound($"No province or district {scope} is registered for {period.Year}; check the scope code or import its units.");
        _frameworks ??= new FrameworkCache(GrainFactory, province, period.Year);
        if (await _frameworks.GetAsync(cancellationToken) is not { } current)
        {
            throw RequestRejectedException.Precondition($"Province {province} has no framework for {period.Year}; put one before reading how self-assessments compare with the appraisal.");
        }

        var framework = current.Framework;
        if (!framework.Serves(period.Kind))
        {
            throw RequestRejectedException.Precondition(
                $"The {period.Year} framework of province {province} serves {string.Join(" and ", framework.Definition.Periods.Select(KindWords))} periods only; " +
                $"it does not serve {KindWords(period.Kind)} periods such as {period}. Ask for a period of a kind it serves.");
        }

        var field = fieldCode is null ? null
            : framework.Fields.FirstOrDefault(f => f.Code == fieldCode)
              ?? throw RequestRejectedException.Invalid(
                  $"Field '{fieldCode}' is not in the {period.Year} framework of province {province}; its fields are {string.Join(", ", framework.Fields.Select(f => f.Code))}.");

        var scores = await Task.WhenAll(candidates.Select(c =>
            GrainFactory.GetGrain<ICommuneGrain>(GrainKeys.ForPeriod(c.UnitCode, period)).GetScoresAsync(cancellationToken)));
        var results = new List<ScorecardResult>(scores.Length);
        var unscorable = new List<CommuneReliability>();
        for (var i = 0; i < scores.Length; i++)
        {
            var card = scores[i].State.ToScorecard(scores[i].UnitCode, period) with { UnitName = candidates[i].Name };
            try
            {
                results.Add(ScorecardCalculator.Compute(framework, card));
            }
            catch (ScoreInputException e)
            {
                // Entries stored under an earlier framework that no longer fit it: listed apart, the others still compared.
                unscorable.Add(ReliabilityAnalyzer.Unscorable(card.UnitCode, card.UnitName, $"its entries do not fit the current framework: {e.Message.ReplaceLineEndings(" ")}"));
            }
        }

        var report = ReliabilityReport.Build(results, fieldCode, sort, descending, unscorable);
        return new ReliabilityView(field?.Code ?? "", field?.Name ?? "", [.. report.Compared.Select(Row)], [.. report.NotCompared.Select(Row)],
            report.SelfTotal, report.AppraisedTotal, report.ItemsCompared, report.ItemsOver);
    }

    private static ReliabilityRow Row(CommuneReliability c) =>
        new(c.UnitCode, c.Name, c.SelfTotal, c.AppraisedTotal, c.Gap, c.ItemsCompared, c.ItemsOver, c.ItemsUnder, c.ItemsAwaitingAppraisal,
            c.ItemsAppraisedWithoutSelf, c.NotComparedReason);

    private static string KindWords(PeriodKind kind) => kind switch
    {
        PeriodKind.Year => "annual (năm)",
        PeriodKind.HalfYear => "six-month (6 tháng)",
        _ => "quarterly (quý)",
    };
}
