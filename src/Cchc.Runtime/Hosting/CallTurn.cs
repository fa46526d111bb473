namespace Cchc.Runtime.Hosting;

/// <summary>An awaited call returning <typeparamref name="TResult"/>; its result or exception goes to the caller.</summary>
internal sealed class CallTurn<TResult>(ValueMethodInvoker<TResult> invoker, object?[] args, CallChainEntry? caller,
    long enqueuedAt) : Turn(caller)
{
    // Callers' continuations must not run inline on the activation's pump.
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<TResult> Task => _completion.Task;

    public override async Task ExecuteAsync(ActivationData activation)
    {
        TResult result;
        try
        {
            result = await invoker.Call(activation.Grain, args);
        }
        catch (Exception ex)
        {
            activation.CallCompleted(invoker.Name, succeeded: false, enqueuedAt);
            _completion.TrySetException(ex);
            return;
        }

        // Book-keeping first, so a caller that has its answer sees it done.
        activation.CallCompleted(invoker.Name, succeeded: true, enqueuedAt);
        _completion.TrySetResult(result);
    }

    public override void Fail(ActivationData activation, Exception error) => _completion.TrySetException(error);
}
