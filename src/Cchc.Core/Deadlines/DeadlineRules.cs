using Cchc.Core.Units;

namespace Cchc.Core.Deadlines;

/// <summary>
/// Which window governs a write and what a refused writer reads. A commune's district (three tiers, up to 2024) may
/// set its own window for a stage; where it does, that window governs the commune, else the province's does; with
/// neither the stage is open. A window is half-open: writes from its opening, up to but not at its closing.
/// </summary>
public static class DeadlineRules
{
    /// <summary>The district's window when the district set one for the stage, else the province's; null: no window, open.</summary>
    public static AppliedWindow? Choose(AppliedWindow? district, AppliedWindow? province) => district ?? province;

    /// <summary>Null when <paramref name="now"/> is inside the window (or the commune's extension); else why not, with the dates.</summary>
    public static string? Refusal(AppliedWindow applied, Period period, string communeCode, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(period);
        var window = applied.Window;
        var what = $"{DeadlineStages.Name(window.Stage)} for {period} in {ScopeWords(applied.ScopeCode)}";
        if (now < window.OpensAt)
        {
            return $"{what} opens on {VietnamTime.Opening(window.OpensAt)} and closes on {VietnamTime.Closing(window.ClosesAt)} ({VietnamTime.Zone}); " +
                $"commune {communeCode} can enter it from {VietnamTime.Opening(window.OpensAt)}.";
        }

        if (now < applied.ClosesAt)
        {
            return null;
        }

        var open = $"{what} was open from {VietnamTime.Opening(window.OpensAt)} to {VietnamTime.Closing(window.ClosesAt)} ({VietnamTime.Zone})";
        return applied.ClosesAt > window.ClosesAt
            ? $"{open}, and for commune {communeCode} extended until {VietnamTime.Closing(applied.ClosesAt)}; that extension ended on {VietnamTime.Closing(applied.ClosesAt)}. " +
                "Ask the province administrator for a further extension."
            : $"{open}; it closed on {VietnamTime.Closing(window.ClosesAt)}. Ask the province administrator for an extension.";
    }

    /// <summary>Null when <paramref name="until"/> gives the commune more time than the window; else what to fix.</summary>
    public static string? ExtensionProblem(StageWindow window, DateTimeOffset until)
    {
        ArgumentNullException.ThrowIfNull(window);
        return until > window.ClosesAt
            ? null
            : $"An extension of {DeadlineStages.LowerName(window.Stage)} must close after the window does: the window closes on {VietnamTime.Closing(window.ClosesAt)}, " +
                $"the extension asks {VietnamTime.Closing(until)} ({VietnamTime.Zone}); give a later close.";
    }

    /// <summary>"province 30", "district 298".</summary>
    public static string ScopeWords(string scopeCode) =>
        UnitCodes.IsProvince(scopeCode) ? $"province {scopeCode}" : $"district {scopeCode}";
}
