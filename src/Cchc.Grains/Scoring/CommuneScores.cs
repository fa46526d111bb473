namespace Cchc.Grains.Scoring;

/// <summary>A commune's entries for one period at <see cref="Version"/>, for a caller that scores them against its own framework copy.</summary>
[GenerateSerializer, Immutable, Alias("cchc.CommuneScores")]
public sealed record CommuneScores(string UnitCode, CommuneState State)
{
    public long Version => State.Version;
}
