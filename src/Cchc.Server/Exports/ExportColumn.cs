namespace Cchc.Server.Exports;

/// <summary>A column: its header and its width in characters.</summary>
internal sealed record ExportColumn(string Header, double Width);
