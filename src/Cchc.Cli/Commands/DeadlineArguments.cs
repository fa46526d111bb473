using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using VietnamTime = Cchc.Core.Deadlines.VietnamTime;

namespace Cchc.Cli.Commands;

/// <summary>
/// The deadline commands' inputs: stages by name (<see cref="StageNames"/>), and times as officials write them: a day dd/MM/yyyy is a
/// whole Vietnam day (a window opens at 00:00 of its first day and closes at 24:00 of its last), or an RFC 3339 time
/// with an offset for anything finer.
/// </summary>
internal static class DeadlineArguments
{
    private static readonly string[] DayFormats = ["dd/MM/yyyy", "d/M/yyyy"];

    public static Option<Stage> StageOption() => new("--stage")
    {
        Description = $"The stage: {StageNames.ChoicesWithLongNames}.",
        HelpName = "stage",
        Required = true,
        CustomParser = r =>
        {
            if (StageNames.TryParse(r.Tokens[0].Value, out var stage))
            {
                return stage;
            }

            r.AddError($"--stage: '{r.Tokens[0].Value}' is not a stage; use one of {StageNames.ChoicesWithLongNames}.");
            return Stage.Unspecified;
        },
    };

    /// <summary>--window STAGE=FROM..TO, repeatable.</summary>
    public static Option<IReadOnlyList<StageWindow>> WindowOption() => new("--window")
    {
        Description = "A stage's window, STAGE=FROM..TO, e.g. self-assessment=01/10/2023..31/10/2023 (whole days, Vietnam time: from 00:00 " +
            "of the first to 24:00 of the last), or with RFC 3339 times, e.g. survey=2023-10-01T08:00:00+07:00..2023-12-01T17:00:00+07:00. " +
            "Give one per stage; they replace all the scope's windows.",
        HelpName = "stage=from..to",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = ParseWindows,
    };

    /// <summary>The opening a FROM gives: 00:00 of a day, or the time itself.</summary>
    public static string? Opening(string text) =>
        TryDay(text, out var day) ? VietnamTime.ToRfc3339(VietnamTime.StartOfDay(day))
        : VietnamTime.TryParse(text, out var time) ? VietnamTime.ToRfc3339(time)
        : null;

    /// <summary>The closing a TO (or --until) gives: 24:00 of a day (00:00 of the next), or the time itself.</summary>
    public static string? Closing(string text) =>
        TryDay(text, out var day) ? VietnamTime.ToRfc3339(VietnamTime.StartOfDay(day.AddDays(1)))
        : VietnamTime.TryParse(text, out var time) ? VietnamTime.ToRfc3339(time)
        : null;

    /// <summary>An RFC 3339 time from the server as officials read it, e.g. "31/10/2023 24:00"; the text itself if it is not one.</summary>
    public static string ShowOpening(string rfc3339) => VietnamTime.TryParse(rfc3339, out var t) ? VietnamTime.Opening(t) : rfc3339;

    /// <summary>A close: midnight reads "24:00" of the day that ends.</summary>
    public static string ShowClosing(string rfc3339) => VietnamTime.TryParse(rfc3339, out var t) ? VietnamTime.Closing(t) : rfc3339;

    private static IReadOnlyList<StageWindow> ParseWindows(ArgumentResult result)
    {
        var windows = new List<StageWindow>();
        foreach (var token in result.Tokens)
        {
            var text = token.Value;
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            var dots = text.IndexOf("..", StringComparison.Ordinal);
            if (equals <= 0 || dots < equals)
            {
                result.AddError($"--window: '{text}' must be STAGE=FROM..TO, e.g. self-assessment=01/10/2023..31/10/2023.");
                continue;
            }

            var stageText = text[..equals];
            var (from, to) = (text[(equals + 1)..dots], text[(dots + 2)..]);
            if (!StageNames.TryParse(stageText, out var stage))
            {
                result.AddError($"--window: '{stageText}' is not a stage; use one of {StageNames.ChoicesWithLongNames}.");
                continue;
            }

            var (opens, closes) = (Opening(from), Closing(to));
            if (opens is null || closes is null)
            {
                result.AddError($"--window: '{(opens is null ? from : to)}' in '{text}' is neither a day dd/MM/yyyy nor an RFC 3339 time with an offset.");
                continue;
            }

            windows.Add(new StageWindow { Stage = stage, OpensAt = opens, ClosesAt = closes });
        }

        return windows;
    }

    private static bool TryDay(string text, out DateOnly day) =>
        DateOnly.TryParseExact(text.Trim(), DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
