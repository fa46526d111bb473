using Cchc.Core.Progress;

namespace Cchc.Grains.Ranking;

/// <summary>How many communes entered all, some or none of one stage's items (the core's <see cref="StageTally"/>).</summary>
[GenerateSerializer, Immutable, Alias("cchc.StageCounts")]
public sealed record StageCounts(int All, int Some, int None, int NotApplicable)
{
    public static StageCounts From(StageTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return new(tally.All, tally.Some, tally.None, tally.NotApplicable);
    }
}
