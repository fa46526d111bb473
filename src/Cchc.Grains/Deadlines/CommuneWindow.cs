namespace Cchc.Grains.Deadlines;

/// <summary>A scope's window for one stage and the latest extension it gave one commune for it (null: none).</summary>
[GenerateSerializer, Immutable, Alias("cchc.CommuneWindow")]
public sealed record CommuneWindow(DeadlineWindow Window, DateTimeOffset? ExtendedUntil);
