namespace Cchc.Grains.Deadlines;

/// <summary>A scope's windows for a period in stage order, who set them and when, and every extension, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("cchc.DeadlineSchedule")]
public sealed record DeadlineSchedule(
    string ScopeCode,
    string Period,
    IReadOnlyList<DeadlineWindow> Windows,
    string? SetBy,
    DateTimeOffset? SetAt,
    IReadOnlyList<DeadlineExtension> Extensions);
