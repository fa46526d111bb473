namespace Cchc.Grains.Units;

/// <summary>What an import stored: how many districts and communes the edition has.</summary>
[GenerateSerializer, Immutable, Alias("cchc.UnitImportResult")]
public sealed record UnitImportResult(int Districts, int Communes);
