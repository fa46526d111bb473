namespace Cchc.Server.Exports;

/// <summary>
/// A table laid out for one worksheet: the sheet's name, a title and a line under it, the header row and the rows.
/// </summary>
internal sealed record ExportTable(
    string FileName,
    string SheetName,
    string Title,
    string Subtitle,
    IReadOnlyList<ExportColumn> Columns,
    IReadOnlyList<IReadOnlyList<ExportCell>> Rows);
