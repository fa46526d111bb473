namespace Cchc.Storage.Internal;

/// <summary>
/// An append waiting in the group-commit queue. Its task completes only after the transaction holding it has
/// committed (or with the reason it was not applied).
/// </summary>
internal sealed class PendingAppend(StreamAppend append, AuditRows rows)
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Canceled = 2;

    private int _state;

    public StreamAppend Append { get; } = append;

    public AuditRows Rows { get; } = rows;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The writer claims the append; after this the caller can no longer cancel it.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    /// <summary>Cancels an append the writer has not picked up yet; a taken append runs to its outcome.</summary>
    public bool TryCancel(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Canceled, Queued) != Queued)
        {
            return false;
        }

        Completion.TrySetCanceled(cancellationToken);
        return true;
    }
}
