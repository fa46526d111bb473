namespace Cchc.Runtime.Hosting;

/// <summary>
/// Asks the activation to deactivate once the turns queued before it are done. For idle collection it carries
/// the activity stamp seen when it was queued, so a call that slipped in meanwhile cancels it.
/// </summary>
internal sealed class DeactivationTurn(DeactivationReason reason, long observedLastActive) : Turn(caller: null)
{
    private readonly TaskCompletionSource<bool> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DeactivationReason Reason { get; } = reason;

    public long ObservedLastActive { get; } = observedLastActive;

    /// <summary>True once the activation is gone; false when it stayed (it became busy, or a state write failed).</summary>
    public Task<bool> Completion => _completion.Task;

    public void Complete(bool deactivated) => _completion.TrySetResult(deactivated);

    public override Task ExecuteAsync(ActivationData activation) =>
        throw new InvalidOperationException("The activation runs deactivation turns itself.");

    public override void Fail(ActivationData activation, Exception error) => _completion.TrySetResult(true);
}
