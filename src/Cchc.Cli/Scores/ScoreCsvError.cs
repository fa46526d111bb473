namespace Cchc.Cli.Scores;

/// <summary>A problem with one row of a scores file.</summary>
/// <param name="Line">The 1-based line the row starts on (the header is line 1).</param>
/// <param name="ItemCode">The row's item code when it could be read.</param>
/// <param name="Column">The column at fault, when one is.</param>
/// <param name="Message">What is wrong and how to fix it.</param>
internal sealed record ScoreCsvError(int Line, string? ItemCode, string? Column, string Message)
{
    public override string ToString()
    {
        var where = $"line {Line}";
        if (!string.IsNullOrEmpty(ItemCode))
        {
            where += $", item {ItemCode}";
        }

        if (!string.IsNullOrEmpty(Column))
        {
            where += $", column {Column}";
        }

        return $"{where}: {Message}";
    }
}
