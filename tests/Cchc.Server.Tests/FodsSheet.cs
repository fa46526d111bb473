using System.Globalization;
using System.Xml.Linq;

namespace Cchc.Server.Tests;

/// <summary>The first sheet of a flat OpenDocument spreadsheet as LibreOffice wrote it: its name and its cells, repeats expanded.</summary>
internal sealed class FodsSheet
{
    private static readonly XNamespace Table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private static readonly XNamespace Office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private static readonly XNamespace Text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

    private FodsSheet(XDocument document, string name, List<List<FodsCell>> rows)
    {
        Document = document;
        Name = name;
        Rows = rows;
    }

    public XDocument Document { get; }

    public string Name { get; }

    /// <summary>Rows from the sheet's first, without the trailing empty ones.</summary>
    public IReadOnlyList<IReadOnlyList<FodsCell>> Rows { get; }

    public static FodsSheet Load(string path)
    {
        var document = XDocument.Load(path);
        var sheet = document.Descendants(Table + "table").First();
        var rows = new List<List<FodsCell>>();
        foreach (var row in sheet.Descendants(Table + "table-row"))
        {
            var cells = new List<FodsCell>();
            foreach (var cell in row.Elements().Where(e => e.Name == Table + "table-cell" || e.Name == Table + "covered-table-cell"))
            {
                var parsed = new FodsCell(
                    (string?)cell.Attribute(Office + "value-type"),
                    (string?)cell.Attribute(Office + "value") is { } v ? decimal.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture) : null,
                    string.Join("\n", cell.Elements(Text + "p").Select(p => p.Value)));
                var repeat = (int?)cell.Attribute(Table + "number-columns-repeated") ?? 1;
                cells.AddRange(Enumerable.Repeat(parsed, parsed.IsEmpty ? Math.Min(repeat, 64) : repeat));
            }

            while (cells.Count > 0 && cells[^1].IsEmpty)
            {
                cells.RemoveAt(cells.Count - 1);
            }

            var rowRepeat = (int?)row.Attribute(Table + "number-rows-repeated") ?? 1;
            rows.AddRange(Enumerable.Range(0, cells.Count == 0 ? Math.Min(rowRepeat, 64) : rowRepeat).Select(_ => new List<FodsCell>(cells)));
        }

        while (rows.Count > 0 && rows[^1].Count == 0)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return new FodsSheet(document, (string)sheet.Attribute(Table + "name")!, rows);
    }

    /// <summary>The cell at a row and column (both from 0), or an empty one beyond the row's end.</summary>
    public FodsCell Cell(int row, int column) => column < Rows[row].Count ? Rows[row][column] : new FodsCell(null, null, "");

    /// <summary>The index of the column whose header (in <paramref name="headerRow"/>) is <paramref name="header"/>.</summary>
    public int Column(int headerRow, string header)
    {
        var index = Rows[headerRow].ToList().FindIndex(c => c.Text == header);
        return index >= 0 ? index : throw new InvalidOperationException($"No column '{header}' in: {string.Join(" | ", Rows[headerRow].Select(c => c.Text))}");
    }
}
