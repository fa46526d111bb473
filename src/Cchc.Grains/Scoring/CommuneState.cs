using Cchc.Core;
using Cchc.Core.Scorecards;

namespace Cchc.Grains.Scoring;

/// <summary>A commune's stored scores for one period. <see cref="Version"/> grows by one with every accepted batch.</summary>
public sealed record CommuneState(
    string UnitName,
    string ProvinceCode,
    string? DistrictCode,
    long Version,
    IReadOnlyDictionary<string, ItemState> Items)
{
    /// <summary>The core's scorecard: for each leaf the latest appraisal's "not evaluated" (else self's) decides.</summary>
    public Scorecard ToScorecard(string unitCode, Period period)
    {
        var items = new Dictionary<string, ItemEntry>(Items.Count, StringComparer.Ordinal);
        foreach (var (code, item) in Items)
        {
            var latest = item.Appraisal2 ?? item.Appraisal1 ?? item.Self;
            items[code] = new ItemEntry
            {
                Self = item.Self?.ToInput(),
                Appraisal1 = item.Appraisal1?.ToInput(),
                Appraisal2 = item.Appraisal2?.ToInput(),
                Explanation = item.Explanation is { } e ? new Explanation(e.Comment ?? string.Empty, e.Evidence) : null,
                SurveyPoints = item.Survey?.Points,
                CouncilComment = (item.Appraisal2 ?? item.Appraisal1)?.Comment,
                NotEvaluated = latest?.IsNotEvaluated == true || item.Survey?.IsNotEvaluated == true,
            };
        }

        return new Scorecard(unitCode, UnitName, period, items);
    }
}
