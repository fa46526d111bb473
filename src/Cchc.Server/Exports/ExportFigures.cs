using System.Globalization;
using Cchc.Api.V1;

namespace Cchc.Server.Exports;

/// <summary>The API's figures as numbers for cells, and a period in the words of an official table.</summary>
internal static class ExportFigures
{
    /// <summary>A figure as the API writes it ("87.25", "-3.40"), or blank when it writes none.</summary>
    public static ExportCell Cell(string figure) =>
        string.IsNullOrEmpty(figure) ? ExportCell.Blank : ExportCell.Of(decimal.Parse(figure, NumberStyles.Number, CultureInfo.InvariantCulture));

    /// <summary>A rank, or blank for 0 (not ranked).</summary>
    public static ExportCell Rank(int rank) => rank > 0 ? ExportCell.Of(rank) : ExportCell.Blank;

    public static string Words(Period period) => period.Kind switch
    {
        PeriodKind.HalfYear => $"6 tháng {(period.Number == 1 ? "đầu" : "cuối")} năm {period.Year}",
        PeriodKind.Quarter => $"quý {period.Number} năm {period.Year}",
        _ => $"năm {period.Year}",
    };

    /// <summary>The period in a file name: 2022, 2024-h1, 2024-q3.</summary>
    public static string FileTag(Period period) => period.Kind switch
    {
        PeriodKind.HalfYear => $"{period.Year}-h{period.Number}",
        PeriodKind.Quarter => $"{period.Year}-q{period.Number}",
        _ => period.Year.ToString(CultureInfo.InvariantCulture),
    };
}
