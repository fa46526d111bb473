namespace Cchc.Core.Deadlines;

/// <summary>A window as a request gives it: the stage (null when none was named) and its times as text.</summary>
public sealed record WindowDraft(DeadlineStage? Stage, string OpensAt, string ClosesAt);
