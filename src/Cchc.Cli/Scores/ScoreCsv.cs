using System.Text;
using Cchc.Api.V1;
using Cchc.Cli.Options;

namespace Cchc.Cli.Scores;

/// <summary>
/// Reads a scores file: UTF-8 CSV with a header row naming some of the columns
/// item_code, points, numerator, denominator, count, faults, yes, not_evaluated, evidence, comment (any order;
/// item_code is required). Each row gives one value form, or none when not evaluated or at the explanation stage.
/// Every bad row is reported with its line; nothing is returned to send unless the whole file is good.
/// </summary>
internal static class ScoreCsv
{
    public const string ItemCode = "item_code";
    public const string Points = "points";
    public const string Numerator = "numerator";
    public const string Denominator = "denominator";
    public const string Count = "count";
    public const string Faults = "faults";
    public const string Yes = "yes";
    public const string NotEvaluated = "not_evaluated";
    public const string Evidence = "evidence";
    public const string Comment = "comment";

    public static readonly IReadOnlyList<string> Columns =
        [ItemCode, Points, Numerator, Denominator, Count, Faults, Yes, NotEvaluated, Evidence, Comment];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<ScoreCsvResult> ReadFileAsync(string path, Stage stage, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"Cannot read the scores file '{path}': {ex.Message}", ex);
        }

        return Parse(bytes, stage);
    }

    public static ScoreCsvResult Parse(ReadOnlySpan<byte> utf8, Stage stage)
    {
        if (FirstLineNotUtf8(utf8) is { } badLine)
        {
            return Fail(new ScoreCsvError(badLine, null, null,
                "the file is not UTF-8 here; save it as \"CSV UTF-8\" so Vietnamese names stay exact."));
        }

        return Parse(StrictUtf8.GetString(utf8), stage);
    }

    public static ScoreCsvResult Parse(string text, Stage stage)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.TrimStart('\uFEFF').Normalize(NormalizationForm.FormC);
        var delimiter = DetectDelimiter(text);
        var records = CsvRecordReader.Read(text, delimiter, out var unterminated);
        if (unterminated is { } quoteLine)
        {
            return Fail(new ScoreCsvError(quoteLine, null, null, "a quoted field is never closed; add the closing '\"'."));
        }

        if (records.Count == 0)
        {
            return Fail(new ScoreCsvError(1, null, null, $"the file is empty; the first line is the header: {string.Join(",", Columns)}."));
        }

        var errors = new List<ScoreCsvError>();
        var header = ReadHeader(records[0], errors);
        if (header is null)
        {
            return new ScoreCsvResult([], errors);
        }

        if (records.Count == 1)
        {
            errors.Add(new ScoreCsvError(records[0].Line, null, null, "the file has a header but no items."));
        }

        var items = new List<ItemScore>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            if (ReadRow(record, header, stage, errors) is { } item)
            {
                if (seen.TryGetValue(item.ItemCode, out var firstLine))
                {
                    errors.Add(new ScoreCsvError(record.Line, item.ItemCode, ItemCode, $"the item already appears on line {firstLine}; give each item once."));
                }
                else
                {
                    seen.Add(item.ItemCode, record.Line);
                    items.Add(item);
                }
            }
        }

        return errors.Count == 0 ? new ScoreCsvResult(items, []) : new ScoreCsvResult([], errors);
    }

    private static ScoreCsvResult Fail(ScoreCsvError error) => new([], [error]);

    // A file saved with ';' between fields (as spreadsheets do where ',' is the decimal mark) is read the same way.
    private static char DetectDelimiter(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Contains(';', StringComparison.Ordinal) && !header.Contains(',', StringComparison.Ordinal) ? ';' : ',';
    }

    private static int? FirstLineNotUtf8(ReadOnlySpan<byte> utf8)
    {
        var line = 1;
        while (true)
        {
            var end = utf8.IndexOf((byte)'\n');
            var current = end < 0 ? utf8 : utf8[..end];
            try
            {
                _ = StrictUtf8.GetCharCount(current);
            }
            catch (DecoderFallbackException)
            {
                return line;
            }

            if (end < 0)
            {
                return null;
            }

            utf8 = utf8[(end + 1)..];
            line++;
        }
    }

    private static Dictionary<string, int>? ReadHeader(CsvRecord record, List<ScoreCsvError> errors)
    {
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < record.Fields.Count; i++)
        {
            var name = record.Fields[i].Trim().ToLowerInvariant();
            if (!Columns.Contains(name))
            {
                errors.Add(new ScoreCsvError(record.Line, null, name,
                    $"unknown column '{record.Fields[i]}'; the columns are {string.Join(", ", Columns)}."));
            }
            else if (!header.TryAdd(name, i))
            {
                errors.Add(new ScoreCsvError(record.Line, null, name, "the column appears twice in the header."));
            }
        }

        if (!header.ContainsKey(ItemCode))
        {
            errors.Add(new ScoreCsvError(record.Line, null, ItemCode,
                $"the header has no item_code column; the first line must name the columns, e.g. {string.Join(",", Columns)}."));
        }

        return errors.Count == 0 ? header : null;
    }

    private static ItemScore? ReadRow(CsvRecord record, Dictionary<string, int> header, Stage stage, List<ScoreCsvError> errors)
    {
        string Get(string column) => header.TryGetValue(column, out var i) && i < record.Fields.Count ? record.Fields[i].Trim() : string.Empty;

        var code = Get(ItemCode);
        var before = errors.Count;
        void Error(string? column, string message) => errors.Add(new ScoreCsvError(record.Line, code.Length > 0 ? code : null, column, message));

        if (record.Fields.Count != header.Count)
        {
            var hint = record.Fields.Count > header.Count
                ? " A decimal comma must be inside quotes (\"1,4\") or written with a dot (1.4)."
                : string.Empty;
            Error(null, $"the row has {record.Fields.Count} fields but the header has {header.Count}.{hint}");
            return null;
        }

        if (code.Length == 0)
        {
            Error(ItemCode, "the item code is empty.");
            return null;
        }

        if (!CliOptions.IsItemCode(code))
        {
            Error(ItemCode, $"'{code}' is not an item code; codes are numbers joined by dots, such as 1.5 or 3.12.2.");
            return null;
        }

        var item = new ItemScore { ItemCode = code, Comment = Get(Comment) };
        item.Evidence.AddRange(Get(Evidence).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        var forms = new List<string>();

        if (Get(Points) is { Length: > 0 } pointsText)
        {
            forms.Add(Points);
            if (ScoreNumber.TryParsePoints(pointsText, out var points))
            {
                item.Points = points;
            }
            else
            {
                Error(Points, $"'{pointsText}' is not a number of points; write it like 1,4 or 1.4 (no sign, no thousands separator).");
            }
        }

        var numeratorText = Get(Numerator);
        var denominatorText = Get(Denominator);
        if (numeratorText.Length > 0 || denominatorText.Length > 0)
        {
            forms.Add($"{Numerator}/{Denominator}");
            ReadRatio(numeratorText, denominatorText, item, Error);
        }

        if (Get(Count) is { Length: > 0 } countText)
        {
            forms.Add(Count);
            if (ScoreNumber.TryParseWhole(countText, out var count) && count <= int.MaxValue)
            {
                item.Count = (int)count;
            }
            else
            {
                Error(Count, $"'{countText}' is not a count; write a whole number such as 2.");
            }
        }

        if (Get(Faults) is { Length: > 0 } faultsText)
        {
            forms.Add(Faults);
            if (ScoreNumber.TryParseWhole(faultsText, out var faults) && faults <= int.MaxValue)
            {
                item.Faults = (int)faults;
            }
            else
            {
                Error(Faults, $"'{faultsText}' is not a number of faults; write a whole number such as 1.");
            }
        }

        if (Get(Yes) is { Length: > 0 } yesText)
        {
            forms.Add(Yes);
            if (TryParseYesNo(yesText, out var yes))
            {
                item.Yes = yes;
            }
            else
            {
                Error(Yes, $"'{yesText}' is not yes or no; write yes/no, có/không, true/false or 1/0.");
            }
        }

        if (Get(NotEvaluated) is { Length: > 0 } notEvaluatedText)
        {
            if (TryParseYesNo(notEvaluatedText, out var notEvaluated))
            {
                item.NotEvaluated = notEvaluated;
            }
            else
            {
                Error(NotEvaluated, $"'{notEvaluatedText}' is not yes or no; leave it empty unless the item is not evaluated this period.");
            }
        }

        CheckValueForms(stage, item, forms, Error);
        return errors.Count == before ? item : null;
    }

    private static void ReadRatio(string numeratorText, string denominatorText, ItemScore item, Action<string?, string> error)
    {
        if (numeratorText.Length == 0 || denominatorText.Length == 0)
        {
            error(numeratorText.Length == 0 ? Numerator : Denominator,
                "a ratio needs both the numerator b and the denominator a (e.g. 408 online dossiers of 637).");
            return;
        }

        var numeratorOk = ScoreNumber.TryParseWhole(numeratorText, out var numerator);
        var denominatorOk = ScoreNumber.TryParseWhole(denominatorText, out var denominator);
        if (!numeratorOk)
        {
            error(Numerator, $"'{numeratorText}' is not a whole number.");
        }

        if (!denominatorOk)
        {
            error(Denominator, $"'{denominatorText}' is not a whole number.");
        }

        if (numeratorOk && denominatorOk)
        {
            if (numerator > denominator)
            {
                error(Numerator, $"the numerator {numerator} is larger than the denominator {denominator}; b counts part of a.");
            }
            else
            {
                item.Ratio = new RatioInput { Numerator = numerator, Denominator = denominator };
            }
        }
    }

    private static void CheckValueForms(Stage stage, ItemScore item, List<string> forms, Action<string?, string> error)
    {
        if (forms.Count > 1)
        {
            error(null, $"the row gives {string.Join(" and ", forms)}; give exactly one value form for an item.");
        }
        else if (stage == Stage.Explanation)
        {
            if (forms.Count == 1)
            {
                error(forms[0], "an explanation (giải trình) carries no points; leave the value columns empty and write the comment and evidence.");
            }
            else if (item.Comment.Length == 0 && item.Evidence.Count == 0)
            {
                error(Comment, "an explanation needs a comment or evidence.");
            }
        }
        else if (item.NotEvaluated && forms.Count == 1)
        {
            error(NotEvaluated, "the item is marked not evaluated but also has a value; remove one of them.");
        }
        else if (!item.NotEvaluated && forms.Count == 0)
        {
            error(null, "the row has no value; give points, numerator and denominator, count, faults or yes, or set not_evaluated to yes.");
        }
    }

    private static bool TryParseYesNo(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "yes" or "true" or "1" or "có" or "x":
                value = true;
                return true;
            case "no" or "false" or "0" or "không":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
