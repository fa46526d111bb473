using Cchc.Api.V1;

namespace Cchc.Cli.Options;

/// <summary>The period kind names people type: year, half-year, quarter.</summary>
internal static class PeriodKindNames
{
    private static readonly (string Name, PeriodKind Kind)[] Names =
    [
        ("year", PeriodKind.Year),
        ("half-year", PeriodKind.HalfYear),
        ("quarter", PeriodKind.Quarter),
    ];

    public static string Choices => string.Join(", ", Names.Select(n => n.Name));

    public static bool TryParse(string text, out PeriodKind kind)
    {
        foreach (var (name, value) in Names)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = value;
                return true;
            }
        }

        kind = PeriodKind.Unspecified;
        return false;
    }

    public static string NameOf(PeriodKind kind) => Names.FirstOrDefault(n => n.Kind == kind).Name ?? kind.ToString();

    public static string Describe(Period period) => period.Kind switch
    {
        PeriodKind.HalfYear => $"6 tháng {(period.Number == 1 ? "đầu" : "cuối")} năm {period.Year}",
        PeriodKind.Quarter => $"quý {period.Number} năm {period.Year}",
        _ => $"năm {period.Year}",
    };
}
