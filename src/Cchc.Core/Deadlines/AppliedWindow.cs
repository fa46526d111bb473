namespace Cchc.Core.Deadlines;

/// <summary>
/// The window that governs one commune's writes at one stage: the scope that set it, and the latest extension that
/// scope's administrator gave this commune for the stage, if any.
/// </summary>
public sealed record AppliedWindow(string ScopeCode, StageWindow Window, DateTimeOffset? ExtendedUntil = null)
{
    /// <summary>
    /// When the commune's writes stop being accepted: the window's close, or the extension's when it is later. An
    /// extension only ever adds time, so a window moved later than an old extension is not cut short by it.
    /// </summary>
    public DateTimeOffset ClosesAt => ExtendedUntil is { } until && until > Window.ClosesAt ? until : Window.ClosesAt;
}
