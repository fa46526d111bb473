using Cchc.Api.V1;
using Cchc.Cli.Commands;
using Cchc.Cli.Options;
using Spectre.Console;

namespace Cchc.Cli.Rendering;

/// <summary>A scope's windows and its extension log as tables, times in Vietnam time (a close at midnight reads 24:00 of the day that ends).</summary>
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
                windows.AddRow(Markup.Escape(DeadlineArguments.NameOf(w.Stage)), Markup.Escape(StageNames.VietnameseName(w.Stage)),
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

        var log = new Table { Title = new TableTitle(Markup.Escape($"Extensions (gia hạn), oldest first: {deadlines.Extensions.Count}")) };
        log.AddColumns("Commune", "Stage", "Was", "Until", "Reason", "By", "At");
        foreach (var e in deadlines.Extensions)
        {
            log.AddRow(Markup.Escape($"{e.CommuneCode} {e.CommuneName}"), Markup.Escape(DeadlineArguments.NameOf(e.Stage)),
                DeadlineArguments.ShowClosing(e.PreviousClosesAt), DeadlineArguments.ShowClosing(e.ClosesAt), Markup.Escape(e.Reason),
                Markup.Escape(e.GrantedBy), DeadlineArguments.ShowOpening(e.GrantedAt));
        }

        console.Write(log);
    }
}
