namespace Cchc.LoadGen.Workload;

/// <summary>A commune of the national list and the province it is ranked in.</summary>
internal sealed record Commune(string Code, string Name, string ProvinceCode);
