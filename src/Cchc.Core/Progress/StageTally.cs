namespace Cchc.Core.Progress;

/// <summary>How many communes of a scope have entered all, some or none of a stage's items (or have none to enter).</summary>
public sealed record StageTally(int All, int Some, int None, int NotApplicable)
{
    public static StageTally Zero { get; } = new(0, 0, 0, 0);

    /// <summary>The communes counted.</summary>
    public int Communes => All + Some + None + NotApplicable;

    /// <summary>This tally with one commune of <paramref name="status"/> added (<paramref name="sign"/> 1) or taken away (-1).</summary>
    public StageTally With(ProgressStatus status, int sign = 1) => status switch
    {
        ProgressStatus.All => this with { All = All + sign },
        ProgressStatus.Some => this with { Some = Some + sign },
        ProgressStatus.None => this with { None = None + sign },
        _ => this with { NotApplicable = NotApplicable + sign },
    };
}
