namespace Cchc.Storage.Internal;

/// <summary>
/// A write waiting in the group-commit queue. Its task completes only after the transaction holding it has
/// committed (or with the reason it was not applied).
/// </summary>
internal sealed class PendingWrite(
    WriteKind kind, string stateName, string grainId, string? payload, string? expectedETag, AuditBatch audit)
{
    private const int Queued = 0;
    private const int Taken = 1;
    private const int Canceled = 2;

    private int _state;

    public WriteKind Kind { get; } = kind;

    public string StateName { get; } = stateName;

    public string GrainId { get; } = grainId;

    public string? Payload { get; } = payload;

    public string? ExpectedETag { get; } = expectedETag;

    public AuditBatch Audit { get; } = audit;

    public TaskCompletionSource<string> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The writer claims the write; after this the caller can no longer cancel it.</summary>
    public bool TryTake() => Interlocked.CompareExchange(ref _state, Taken, Queued) == Queued;

    /// <summary>Cancels a write the writer has not picked up yet; a taken write runs to its outcome.</summary>
    public void TryCancel(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, Canceled, Queued) == Queued)
        {
            Completion.TrySetCanceled(cancellationToken);
        }
    }
}
