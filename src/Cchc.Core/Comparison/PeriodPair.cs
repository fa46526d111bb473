namespace Cchc.Core.Comparison;

/// <summary>
/// Two periods of the same kind compared, the earlier first: years with years, half-years with half-years, quarters
/// with quarters (a quarter's figures measure a quarter's work, so they say nothing against a half-year's).
/// </summary>
public sealed record PeriodPair
{
    private PeriodPair(Period earlier, Period later) => (Earlier, Later) = (earlier, later);

    public Period Earlier { get; }

    public Period Later { get; }

    /// <summary>The later period with the period it is compared against.</summary>
    public static PeriodPair Against(Period later, ComparisonBasis basis)
    {
        ArgumentNullException.ThrowIfNull(later);
        var earlier = basis switch
        {
            ComparisonBasis.PreviousPeriod => Previous(later),
            ComparisonBasis.SamePeriodLastYear => YearEarlier(later),
            _ => throw new ArgumentOutOfRangeException(nameof(basis), basis, "Compare against the previous period or the same period a year earlier."),
        };
        return new PeriodPair(earlier, later);
    }

    /// <exception cref="ArgumentException">The kinds differ, or the earlier period does not come first (<see cref="ProblemWith"/>).</exception>
    public static PeriodPair Of(Period earlier, Period later) =>
        ProblemWith(earlier, later) is { } problem ? throw new ArgumentException(problem, nameof(earlier)) : new PeriodPair(earlier, later);

    /// <summary>Why the two periods cannot be compared as earlier and later, or null when they can.</summary>
    public static string? ProblemWith(Period earlier, Period later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        if (earlier.Kind != later.Kind)
        {
            return $"{earlier} is a {KindName(earlier.Kind)} and {later} a {KindName(later.Kind)}: compare periods of the same kind.";
        }

        return (earlier.Year, earlier.Number).CompareTo((later.Year, later.Number)) < 0
            ? null
            : $"The earlier period {earlier} must come before the later period {later}.";
    }

    /// <summary>The period of the same kind just before.</summary>
    public static Period Previous(Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Kind switch
        {
            PeriodKind.Year => Period.Annual(period.Year - 1),
            PeriodKind.HalfYear => period.Number == 1 ? Period.Half(period.Year - 1, 2) : Period.Half(period.Year, 1),
            _ => period.Number == 1 ? Period.Quarter(period.Year - 1, 4) : Period.Quarter(period.Year, period.Number - 1),
        };
    }

    /// <summary>The same period a year earlier.</summary>
    public static Period YearEarlier(Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Kind switch
        {
            PeriodKind.Year => Period.Annual(period.Year - 1),
            PeriodKind.HalfYear => Period.Half(period.Year - 1, period.Number),
            _ => Period.Quarter(period.Year - 1, period.Number),
        };
    }

    /// <summary>"year", "half-year", "quarter".</summary>
    public static string KindName(PeriodKind kind) => kind switch
    {
        PeriodKind.HalfYear => "half-year",
        PeriodKind.Quarter => "quarter",
        _ => "year",
    };

    public override string ToString() => $"{Earlier} → {Later}";
}
