using System.Text;

namespace Cchc.Server.Tests.Fuzzing;

/// <summary>
/// Strings a hostile or careless client sends: empty and blank, huge, decomposed (non-NFC) Vietnamese, floods of
/// combining marks, zero-width and bidirectional controls, NUL and other controls, astral and lone-surrogate
/// characters, padded and near-miss codes, numbers in other scripts. None contains a word the leak check looks for.
/// </summary>
internal static class HostileText
{
    private static readonly string[] Fixed =
    [
        "", " ", "\t", "\r\n", "\0", "\u200B", "\uFEFF", "\u202E97101", "x\u0000y", "Xa\u0303 Xe\u0302\u0301p Ha\u0323ng 1",
        "Tie\u0302\u0301ng Vie\u0323\u0302t", "Ｘã", "😀", "\uD83D", "\uDC00x", "\u00A0", "%s%n%x", "{0}", "'; DROP TABLE grain_state; --",
        "../../etc/passwd", "<script>alert(1)</script>", "null", "undefined", "true", "-0", "1.1.", ".1", "1..1", "1.1 ",
        "ǅ", "ß", "İ", "\u0301", "a\u0300\u0301\u0302\u0303\u0304", "\u061C", "\u2028", "\uFFFF", "\uFFFD",
    ];

    public static string Next(Random random, FuzzVocabulary vocabulary, string? padWith = null)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(vocabulary);
        return random.Next(12) switch
        {
            0 => Fixed[random.Next(Fixed.Length)],
            1 => Huge(random),
            2 => new string('\u0301', 1 + random.Next(5000)),
            3 => Padded(random, padWith ?? Pick(random, vocabulary.UnitCodes)),
            4 => Decomposed(Pick(random, vocabulary.Words)),
            5 => RandomChars(random, 1 + random.Next(40)),
            6 => Pick(random, vocabulary.Points),
            7 => Pick(random, vocabulary.Times),
            8 => Pick(random, vocabulary.ItemCodes),
            9 => string.Concat(Enumerable.Repeat(Pick(random, vocabulary.Words), 1 + random.Next(50))),
            _ => Pick(random, vocabulary.Words),
        };
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> values) => values[random.Next(values.Count)];

    private static string Huge(Random random) => random.Next(4) switch
    {
        0 => new string('x', 64 * 1024 + random.Next(1024)),
        1 => string.Concat(Enumerable.Repeat("Xã Ấp Đồng Hỷ ", 2000 + random.Next(2000))),
        2 => new string('9', 300 + random.Next(300)),
        _ => "\uD83D" + string.Concat(Enumerable.Repeat("😀", 10_000)),
    };

    private static string Padded(Random random, string code) => random.Next(5) switch
    {
        0 => " " + code,
        1 => code + "\n",
        2 => code + "\u0000",
        3 => code.Replace('0', 'O'),
        _ => "0" + code,
    };

    private static string Decomposed(string text) => text.Normalize(NormalizationForm.FormD);

    private static string RandomChars(Random random, int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append((char)random.Next(random.Next(3) == 0 ? 0x80 : 0x10000));
        }

        return builder.ToString();
    }
}
