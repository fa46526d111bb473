namespace Cchc.Grains.Scoring;

/// <summary>
/// What a commune tells its district and province after every accepted change: its index and component indices
/// (official two-decimal figures), keyed by field code, computed against framework version
/// <see cref="FrameworkVersion"/>, and its <see cref="Progress"/> through the stages against that framework (null only
/// in a ranking's placeholder for a commune that has not reported). <see cref="Version"/> orders the notifications.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.CommuneSummary")]
public sealed record CommuneSummary(
    string UnitCode,
    string Name,
    long Version,
    decimal? Index,
    bool Provisional,
    IReadOnlyDictionary<string, decimal?> FieldIndices,
    long FrameworkVersion,
    ProgressCounts? Progress = null);
