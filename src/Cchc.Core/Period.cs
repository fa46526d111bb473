namespace Cchc.Core;

/// <summary>One evaluation period: a year, a half-year (1–2) or a quarter (1–4). Annual results are the official ones.</summary>
public sealed record Period
{
    private Period(int year, PeriodKind kind, int number)
    {
        Year = year;
        Kind = kind;
        Number = number;
    }

    public int Year { get; }

    public PeriodKind Kind { get; }

    /// <summary>1 for a year; 1–2 for a half-year; 1–4 for a quarter.</summary>
    public int Number { get; }

    public static Period Annual(int year) => new(CheckYear(year), PeriodKind.Year, 1);

    public static Period Half(int year, int half) =>
        half is 1 or 2
            ? new(CheckYear(year), PeriodKind.HalfYear, half)
            : throw new ArgumentOutOfRangeException(nameof(half), half, "A half-year is 1 or 2.");

    public static Period Quarter(int year, int quarter) =>
        quarter is >= 1 and <= 4
            ? new(CheckYear(year), PeriodKind.Quarter, quarter)
            : throw new ArgumentOutOfRangeException(nameof(quarter), quarter, "A quarter is 1 to 4.");

    /// <summary>"2024", "2024-H1", "2024-Q3".</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Year => $"{Year}",
        PeriodKind.HalfYear => $"{Year}-H{Number}",
        _ => $"{Year}-Q{Number}",
    };

    private static int CheckYear(int year) =>
        year is >= 2000 and <= 2200
            ? year
            : throw new ArgumentOutOfRangeException(nameof(year), year, "The year must be between 2000 and 2200.");
}
