namespace Cchc.Cli.Scores;

/// <summary>One CSV record: its fields and the line it starts on (1-based).</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);
