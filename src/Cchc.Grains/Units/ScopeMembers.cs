namespace Cchc.Grains.Units;

/// <summary>The province a scope belongs to and the communes it ranks, in one year.</summary>
[GenerateSerializer, Immutable, Alias("cchc.ScopeMembers")]
public sealed record ScopeMembers(string ProvinceCode, IReadOnlyList<UnitRecord> Communes);
