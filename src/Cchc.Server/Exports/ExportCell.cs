namespace Cchc.Server.Exports;

/// <summary>One cell of a table: text, a figure shown with two decimals, a whole number (rank, order), or blank.</summary>
internal sealed record ExportCell(string? Text, decimal? Figure, int? Whole)
{
    public static ExportCell Blank { get; } = new(null, null, null);

    public static ExportCell Of(string? text) => string.IsNullOrEmpty(text) ? Blank : new(text.Normalize(System.Text.NormalizationForm.FormC), null, null);

    public static ExportCell Of(decimal? figure) => figure is null ? Blank : new(null, figure, null);

    public static ExportCell Of(int? whole) => whole is null ? Blank : new(null, null, whole);
}
