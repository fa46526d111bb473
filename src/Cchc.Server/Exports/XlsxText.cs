using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml;

namespace Cchc.Server.Exports;

/// <summary>
/// A cell's text as a workbook may hold it. XML 1.0 cannot carry most control characters, which a comment or an
/// evidence reference may contain as typed (the API stores text exactly); written raw, they made the whole export fail.
/// Office Open XML escapes such a character as <c>_xHHHH_</c> (ECMA-376 Part 1, 22.9.2.19, ST_Xstring), which
/// spreadsheet programs read back as the character, and escapes the underscore of a literal <c>_xHHHH_</c> as
/// <c>_x005F_</c> so that it reads back as typed.
/// </summary>
internal static class XlsxText
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? escaped = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                escaped?.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (!XmlConvert.IsXmlChar(c) || (c == '_' && LooksEscaped(text, i)))
            {
                escaped ??= new StringBuilder(text.Length + 16).Append(text, 0, i);
                escaped.Append("_x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('_');
            }
            else
            {
                escaped?.Append(c);
            }
        }

        return escaped?.ToString() ?? text;
    }

    // "_x", four hexadecimal digits and "_", starting at index.
    private static bool LooksEscaped(string text, int index) =>
        index + 6 < text.Length && text[index + 1] == 'x' && text[index + 6] == '_' && !text.AsSpan(index + 2, 4).ContainsAnyExcept(HexDigits);
}
