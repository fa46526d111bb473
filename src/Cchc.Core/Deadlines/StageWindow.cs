namespace Cchc.Core.Deadlines;

/// <summary>When a stage may be written: from <see cref="OpensAt"/> (included) to <see cref="ClosesAt"/> (excluded).</summary>
public sealed record StageWindow(DeadlineStage Stage, DateTimeOffset OpensAt, DateTimeOffset ClosesAt)
{
    /// <summary>"01/10/2023 00:00 to 31/10/2023 24:00".</summary>
    public string Span => $"{VietnamTime.Opening(OpensAt)} to {VietnamTime.Closing(ClosesAt)}";

    public bool Contains(DateTimeOffset instant) => instant >= OpensAt && instant < ClosesAt;
}
