namespace Cchc.Grains.Scoring;

/// <summary>
/// What a commune tells its district and province after every accepted change: its index and component indices
/// (official two-decimal figures), keyed by field code. <see cref="Version"/> orders the notifications.
/// </summary>
public sealed record CommuneSummary(
    string UnitCode,
    string Name,
    long Version,
    decimal? Index,
    bool Provisional,
    IReadOnlyDictionary<string, decimal?> FieldIndices);
