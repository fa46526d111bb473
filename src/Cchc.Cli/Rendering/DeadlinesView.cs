using Cchc.Api.V1;
using Cchc.Cli.Commands;
using Cchc.Cli.Options;
using Spectre.Console;

namespace Cchc.Cli.Rendering;

/// <summary>A scope's windows as a table and its extension log entry by entry, times in Vietnam time (a close at midnight reads 24:00 of the day that ends).</summary>
internal static class DeadlinesView
{
    public static void Write(IAnsiConsole console, GetDeadlinesResponse deadlines)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(deadlines);
        var what = $"{deadlines.ScopeCode}, {PeriodKindNames.Describe(deadlines.Period)}";
        if (deadlines.Windows.Count == 0)
        {
            console.MarkupLineInterpolated($"No windows are set for {what}: every stage is open (unless the province's windows govern a district's communes).");
        }
        else
        {
            var windows = new Table { Title = new TableTitle(Markup.Escape($"Hạn chót (deadlines) of {what}, Vietnam time (UTC+7)")) };
            windows.AddColumns("Stage", "Giai đoạn", "Opens (từ)", "Closes (đến hết)");
            foreach (var w in deadlines.Windows)
            {
                windows.AddRow(Markup.Escape(StageNames.LongNameOf(w.Stage)), Markup.Escape(StageNames.VietnameseName(w.Stage)),
                    DeadlineArguments.ShowOpening(w.OpensAt), DeadlineArguments.ShowClosing(w.ClosesAt));
            }

            console.Write(windows);
            console.MarkupLineInterpolated($"Set by {deadlines.SetBy} at {DeadlineArguments.ShowOpening(deadlines.SetAt)}.");
        }

        if (deadlines.Extensions.Count == 0)
        {
            console.MarkupLine("No extensions given.");
            return;
        }

        // One entry a few lines long rather than a table: reasons and principals are long, and each must read whole.
        console.MarkupLineInterpolated($"Extensions (gia hạn), oldest first: {deadlines.Extensions.Count}");
        foreach (var e in deadlines.Extensions)
        {
            console.MarkupLineInterpolated(
                $"• {e.CommuneCode} {e.CommuneName}, {StageNames.LongNameOf(e.Stage)}: until {DeadlineArguments.ShowClosing(e.ClosesAt)} (was {DeadlineArguments.ShowClosing(e.PreviousClosesAt)})");
            console.MarkupLineInterpolated($"    Reason: {e.Reason}");
            console.MarkupLineInterpolated($"    By {e.GrantedBy} at {DeadlineArguments.ShowOpening(e.GrantedAt)}");
        }
    }
}
