namespace Cchc.Grains;

/// <summary>
/// Response timeouts (TimeSpan syntax, for <see cref="ResponseTimeoutAttribute"/>) shorter than Orleans' 30 s default,
/// for calls made inside a turn that others queue behind: a commune validating a write, a ranking pushing a change or
/// rebuilding. Orleans never resends a message, and after a silo restarts on the same endpoint it loses some: the
/// connection its peers opened while the old generation was still listed is closed 10 s after that generation is
/// declared dead, dropping whatever was in flight on it (Orleans 10.4.2, SiloConnectionMaintainer). A lost answer then
/// holds the caller, and every call queued behind it, until the timeout; the failed call answers UNAVAILABLE and the
/// client sends it again.
/// </summary>
internal static class GrainTimeouts
{
    /// <summary>A leaf grain's read, or a push to a silo's ranking hub: milliseconds when active, one storage read when not.</summary>
    public const string LeafRead = "00:00:05";

    /// <summary>
    /// A commune's summary on its way to or from its ranking: the callee may be activating first (a commune replays its
    /// stream; a ranking asks every member for its summary).
    /// </summary>
    public const string Summary = "00:00:10";
}
