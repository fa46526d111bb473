namespace Cchc.Grains.Units;

/// <summary>
/// An administrative unit as the registry keeps it. <see cref="ParentCode"/> is the district (three tiers) or the
/// province (two tiers); empty for a province.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.UnitRecord")]
public sealed record UnitRecord(
    string Code,
    string Name,
    UnitLevel Level,
    string Type,
    string ParentCode,
    IReadOnlyList<UnitPredecessor> Predecessors);
