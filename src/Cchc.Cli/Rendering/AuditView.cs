using System.Globalization;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Spectre.Console;

namespace Cchc.Cli.Rendering;

/// <summary>An audit verification: one line saying intact or how many links are broken, what was checked, then each break.</summary>
internal static class AuditView
{
    public static void Write(IAnsiConsole console, VerifyAuditResponse audit)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(audit);
        var what = $"{audit.ScopeCode}, {PeriodKindNames.Describe(audit.Period)}";
        var verdict = audit.Intact ? "intact" : $"{Count(audit.Breaks.Count)} broken link(s)";
        console.MarkupLineInterpolated($"Audit trail of {what}: {verdict}.");
        console.MarkupLineInterpolated(
            $"Checked {Count(audit.CommuneCount)} communes: {Count(audit.EntriesChecked)} audit entries by hash, {Count(audit.ScoreRowsChecked)} score rows against their entries; {Count(audit.EntriesNotCovered)} entries predate the chain (not covered).");
        console.MarkupLineInterpolated($"{Publication(audit)}");
        foreach (var broken in audit.Breaks)
        {
            var item = string.IsNullOrEmpty(broken.ItemCode) ? "no item" : $"item {broken.ItemCode}";
            var at = string.IsNullOrEmpty(broken.At) ? "time unknown" : broken.At;
            console.MarkupLineInterpolated($"BROKEN {broken.CommuneCode} {broken.CommuneName} · {item} · {at} · {Kind(broken.Kind)} (version {Count(broken.Version)}): {broken.What}");
        }
    }

    private static string Publication(VerifyAuditResponse audit) => (audit.Published, audit.HeadsRecorded) switch
    {
        (true, true) => "Published: each chain's end was compared with the head recorded at publication.",
        (true, false) => "Published before chain heads were recorded: chain ends were compared with the stream rows only.",
        _ => "Not published: chain ends were compared with the stream rows only; publishing records the heads.",
    };

    private static string Kind(AuditBreakKind kind) => kind switch
    {
        AuditBreakKind.Entry => "audit entry",
        AuditBreakKind.Head => "chain end",
        AuditBreakKind.Score => "score row",
        _ => "unknown check",
    };

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
