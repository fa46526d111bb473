using Cchc.Core;
using Cchc.Core.Scorecards;
using Cchc.Storage;

namespace Cchc.Grains.Scoring;

/// <summary>
/// A commune's scores for one period as of <see cref="Version"/> (one per accepted batch): the snapshot format, and
/// what replaying its stream gives. Name and scopes are the registry's at the time of the snapshot; the grain reads
/// them from the registry, not from here.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.CommuneState")]
public sealed record CommuneState(
    string UnitName,
    string ProvinceCode,
    string? DistrictCode,
    long Version,
    IReadOnlyDictionary<string, ItemState> Items)
{
    public static CommuneState Empty(string unitName, string provinceCode, string? districtCode) =>
        new(unitName, provinceCode, districtCode, 0, new Dictionary<string, ItemState>(StringComparer.Ordinal));

    /// <summary>
    /// The state a stored stream holds: its snapshot, then each event after it applied in version order. The
    /// identity fields come from <paramref name="empty"/> when there is no snapshot.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream's events do not reach its version.</exception>
    public static CommuneState FromStream(StoredStream stream, CommuneState empty)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(empty);
        var state = stream.Snapshot is { } snapshot ? ScoreJson.Read<CommuneState>(snapshot.Payload) with { Version = snapshot.Version } : empty;
        var items = new Dictionary<string, ItemState>(state.Items, StringComparer.Ordinal);
        var version = state.Version;
        foreach (var change in stream.Events)
        {
            if (change.Payload is null || !Enum.TryParse<ScoreStage>(change.Stage, out var stage))
            {
                throw new InvalidDataException($"Event {change.Version} of {change.UnitCode} {change.Period} ({change.ItemCode}) has no replayable value.");
            }

            items[change.ItemCode] = (items.GetValueOrDefault(change.ItemCode) ?? new ItemState()).With(stage, ScoreJson.Read<StageValue>(change.Payload));
            version = change.Version;
        }

        if (version != stream.Version)
        {
            throw new InvalidDataException($"The stream is at version {stream.Version} but its snapshot and events reach {version}.");
        }

        // The commune keeps these items while it is active: not the spare half of a dictionary grown by doubling.
        items.TrimExcess();
        return state with { Version = version, Items = items };
    }

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
                Entered = (item.Self is null ? 0 : EnteredStages.Self) | (item.Appraisal1 is null ? 0 : EnteredStages.Appraisal1)
                    | (item.Explanation is null ? 0 : EnteredStages.Explanation) | (item.Appraisal2 is null ? 0 : EnteredStages.Appraisal2)
                    | (item.Survey is null ? 0 : EnteredStages.Survey),
            };
        }

        return new Scorecard(unitCode, UnitName, period, items);
    }
}
