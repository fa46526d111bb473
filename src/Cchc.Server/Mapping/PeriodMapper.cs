using Cchc.Api.V1;
using CorePeriod = Cchc.Core.Period;
using CorePeriodKind = Cchc.Core.PeriodKind;

namespace Cchc.Server.Mapping;

/// <summary>Periods and period kinds between the API and the core.</summary>
internal static class PeriodMapper
{
    /// <summary>A period from a request; kind unspecified is read as the year.</summary>
    public static CorePeriod ToCore(Period? period, string field = "period")
    {
        if (period is null)
        {
            throw ApiArguments.Invalid($"{field} is missing; give at least its year, e.g. {{ year: 2024 }}.");
        }

        var year = ApiArguments.Year(period.Year, field + ".year");
        return period.Kind switch
        {
            PeriodKind.Unspecified or PeriodKind.Year when period.Number == 0 => CorePeriod.Annual(year),
            PeriodKind.Unspecified or PeriodKind.Year => throw ApiArguments.Invalid(
                $"{field}.number {period.Number} is not valid for a year; leave it 0."),
            PeriodKind.HalfYear when period.Number is 1 or 2 => CorePeriod.Half(year, period.Number),
            PeriodKind.HalfYear => throw ApiArguments.Invalid($"{field}.number {period.Number} is not a half-year; give 1 or 2."),
            PeriodKind.Quarter when period.Number is >= 1 and <= 4 => CorePeriod.Quarter(year, period.Number),
            PeriodKind.Quarter => throw ApiArguments.Invalid($"{field}.number {period.Number} is not a quarter; give 1 to 4."),
            _ => throw ApiArguments.Invalid($"{field}.kind {(int)period.Kind} is not a period kind; give YEAR, HALF_YEAR or QUARTER."),
        };
    }

    public static Period ToApi(CorePeriod period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return new Period
        {
            Year = period.Year,
            Kind = ToApi(period.Kind),
            Number = period.Kind == CorePeriodKind.Year ? 0 : period.Number,
        };
    }

    public static CorePeriodKind ToCore(PeriodKind kind, string field) => kind switch
    {
        PeriodKind.Unspecified or PeriodKind.Year => CorePeriodKind.Year,
        PeriodKind.HalfYear => CorePeriodKind.HalfYear,
        PeriodKind.Quarter => CorePeriodKind.Quarter,
        _ => throw ApiArguments.Invalid($"{field} {(int)kind} is not a period kind; give YEAR, HALF_YEAR or QUARTER."),
    };

    public static PeriodKind ToApi(CorePeriodKind kind) => kind switch
    {
        CorePeriodKind.HalfYear => PeriodKind.HalfYear,
        CorePeriodKind.Quarter => PeriodKind.Quarter,
        _ => PeriodKind.Year,
    };
}
