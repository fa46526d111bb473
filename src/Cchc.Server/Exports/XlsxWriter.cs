using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Cchc.Server.Exports;

/// <summary>
/// Writes an <see cref="ExportTable"/> as an .xlsx workbook of one sheet: title, subtitle, a frozen header row repeated
/// on every printed page, figures as numbers in a "0.00" format, A4 landscape fitted to the page width.
/// </summary>
/// <remarks>
/// Built on DocumentFormat.OpenXml (Microsoft's Open XML SDK, MIT, no further dependencies): the package registry here
/// serves ClosedXML only at 0.95.4, years behind, and MiniExcel does not control print setup (paper, orientation, fit
/// to width, print titles), which an official table needs.
/// </remarks>
internal static class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const int HeaderRow = 3;
    private const uint TextStyle = 0;
    private const uint FigureStyle = 1;
    private const uint HeaderStyle = 2;
    private const uint TitleStyle = 3;
    private const uint WholeStyle = 4;

    public static byte[] Write(ExportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            sheetPart.Worksheet = Sheet(table);
            var sheetName = table.SheetName.Normalize(System.Text.NormalizationForm.FormC);
            workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));

            // The header row prints again on every page of a long ranking.
            workbookPart.Workbook.AppendChild(new DefinedNames(new DefinedName($"'{sheetName}'!${HeaderRow}:${HeaderRow}")
            {
                Name = "_xlnm.Print_Titles",
                LocalSheetId = 0,
            }));
            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Worksheet Sheet(ExportTable table)
    {
        var worksheet = new Worksheet();
        worksheet.AppendChild(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        worksheet.AppendChild(new SheetViews(new SheetView(
            new Pane
            {
                VerticalSplit = HeaderRow,
                TopLeftCell = $"A{HeaderRow + 1}",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = $"A{HeaderRow + 1}", SequenceOfReferences = new ListValue<StringValue> { InnerText = $"A{HeaderRow + 1}" } })
        {
            WorkbookViewId = 0,
        }));
        var columns = new Columns();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            columns.AppendChild(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = table.Columns[i].Width, CustomWidth = true });
        }

        worksheet.AppendChild(columns);
        var data = new SheetData();
        data.AppendChild(Row(1, [ExportCell.Of(table.Title)], TitleStyle));
        data.AppendChild(Row(2, [ExportCell.Of(table.Subtitle)], TextStyle));
        data.AppendChild(Row(HeaderRow, [.. table.Columns.Select(c => ExportCell.Of(c.Header))], HeaderStyle));
        for (var i = 0; i < table.Rows.Count; i++)
        {
            data.AppendChild(Row((uint)(HeaderRow + 1 + i), table.Rows[i], TextStyle));
        }

        worksheet.AppendChild(data);
        worksheet.AppendChild(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 });
        worksheet.AppendChild(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        return worksheet;
    }

    private static Row Row(uint index, IReadOnlyList<ExportCell> cells, uint textStyle)
    {
        var row = new Row { RowIndex = index };
        for (var i = 0; i < cells.Count; i++)
        {
            var reference = ColumnName(i) + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var cell = cells[i];
            if (cell.Figure is { } figure)
            {
                row.AppendChild(new Cell { CellReference = reference, StyleIndex = FigureStyle, CellValue = new CellValue(figure) });
            }
            else if (cell.Whole is { } whole)
            {
                row.AppendChild(new Cell { CellReference = reference, StyleIndex = WholeStyle, CellValue = new CellValue(whole) });
            }
            else if (cell.Text is { } text)
            {
                row.AppendChild(new Cell { CellReference = reference, StyleIndex = textStyle, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(XlsxText.Escape(text))) });
            }
            else
            {
                row.AppendChild(new Cell { CellReference = reference, StyleIndex = textStyle == HeaderStyle ? HeaderStyle : TextStyle });
            }
        }

        return row;
    }

    private static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private static Stylesheet Styles()
    {
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        return new Stylesheet(
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
                new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Times New Roman" }))
            { Count = 3 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin) { Count = 2 },
            new CellFormats(
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 0, Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top } },

                // Built-in number format 2 is "0.00": figures stay numbers a council can sum, shown as the API gives them.
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 2, ApplyNumberFormat = true, Alignment = new Alignment { Vertical = VerticalAlignmentValues.Top } },
                new CellFormat { FontId = 1, FillId = 0, BorderId = 1, NumberFormatId = 0, ApplyFont = true, ApplyBorder = true, Alignment = new Alignment { WrapText = true, Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center } },
                new CellFormat { FontId = 2, FillId = 0, BorderId = 0, NumberFormatId = 0, ApplyFont = true },
                new CellFormat { FontId = 0, FillId = 0, BorderId = 0, NumberFormatId = 1, ApplyNumberFormat = true, Alignment = new Alignment { Vertical = VerticalAlignmentValues.Top } })
            { Count = 5 });
    }
}
