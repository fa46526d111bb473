namespace Cchc.Grains.Scoring;

/// <summary>A commune's entries for one period at <see cref="Version"/>, for a caller that scores them against its own framework copy.</summary>
[GenerateSerializer, Immutable, Alias("cchc.CommuneScores")]
public sealed record CommuneScores(string UnitCode, CommuneState State)
{
    public long Version => State.Version;

    /// <summary>
    /// The entries of <paramref name="state"/> as they are now. The items are copied: a commune grain changes its own
    /// in place, and a caller on the same silo gets this record without a copy, reading it while the commune writes.
    /// </summary>
    public static CommuneScores Of(string unitCode, CommuneState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(unitCode, state with { Items = new Dictionary<string, ItemState>(state.Items, StringComparer.Ordinal) });
    }
}
