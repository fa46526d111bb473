namespace Cchc.Server.Exports;

/// <summary>A field's column of a ranking table: its code, its name and each ranked commune's component index ("87.25").</summary>
internal sealed record RankingField(string Code, string Name, IReadOnlyDictionary<string, string> IndexByUnit);
