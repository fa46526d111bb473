using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Cchc.Cli.Options;

/// <summary>Options shared by several commands, each checking its value so a mistake is caught before any call.</summary>
internal static class CliOptions
{
    public static Option<string> Commune(bool required = true) =>
        Code("--commune", "The commune's 5-digit code, e.g. 11116 (Xã Quang Khải).", required, 5);

    public static Option<string> Province(string description, bool required = true) =>
        Code("--province", description, required, 2);

    public static Option<string> Scope() =>
        Code("--scope", "The ranking's scope: a province's 2-digit code, or a district's 3-digit code (up to 2024).", required: true, 2, 3);

    public static Option<string> Field() => new("--field")
    {
        Description = "A field's code (e.g. 3) for a per-field ranking; the overall index when left out.",
        HelpName = "code",
        CustomParser = r => DottedCode(r, r.Tokens[0].Value, fieldOnly: true),
    };

    public static Option<FileInfo> File(string description, bool required = true) => new("--file")
    {
        Description = description,
        HelpName = "path",
        Required = required,
    };

    public static Option<string> Code(string name, string description, bool required, params int[] lengths)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = "code",
            Required = required,
        };
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>();
            if (value is null)
            {
                return;
            }

            if (!lengths.Contains(value.Length) || !value.All(char.IsAsciiDigit))
            {
                var digits = string.Join(" or ", lengths);
                r.AddError($"{name}: '{value}' is not a unit code; give the national statistics code of {digits} digits.");
            }
        });
        return option;
    }

    public static int PositiveInt(ArgumentResult result, string name, int min, int max)
    {
        var text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        result.AddError($"{name}: '{text}' must be a whole number from {min} to {max}.");
        return min;
    }

    /// <summary>A dotted item code such as 1, 1.5 or 3.12.2.</summary>
    public static bool IsItemCode(string text) =>
        text.Length > 0 && text.Split('.').All(part => part.Length is > 0 and <= 3 && part.All(char.IsAsciiDigit) && part[0] != '0');

    private static string DottedCode(ArgumentResult result, string text, bool fieldOnly)
    {
        if (!IsItemCode(text) || (fieldOnly && text.Contains('.', StringComparison.Ordinal)))
        {
            result.AddError(fieldOnly
                ? $"--field: '{text}' is not a field code; fields are numbered 1, 2, 3, ..."
                : $"'{text}' is not an item code; codes are numbers joined by dots, such as 1.5 or 3.12.2.");
        }

        return text;
    }
}
