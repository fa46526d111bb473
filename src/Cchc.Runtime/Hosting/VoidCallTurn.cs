namespace Cchc.Runtime.Hosting;

/// <summary>An awaited call returning Task or ValueTask; its completion or exception goes to the caller.</summary>
internal sealed class VoidCallTurn(VoidMethodInvoker invoker, object?[] args, CallChainEntry? caller, long enqueuedAt)
    : Turn(caller)
{
    // Callers' continuations must not run inline on the activation's pump.
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Task => _completion.Task;

    public override async Task ExecuteAsync(ActivationData activation)
    {
        try
        {
            await invoker.Call(activation.Grain, args);
        }
        catch (Exception ex)
        {
            activation.CallCompleted(invoker.Name, succeeded: false, enqueuedAt);
            _completion.TrySetException(ex);
            return;
        }

        // Book-keeping first, so a caller that has its answer sees it done.
        activation.CallCompleted(invoker.Name, succeeded: true, enqueuedAt);
        _completion.TrySetResult();
    }

    public override void Fail(ActivationData activation, Exception error) => _completion.TrySetException(error);
}
