namespace Cchc.Grpc.Client;

/// <summary>
/// The cancellation of one client call: the caller's token, the call's timeout, and (for streaming calls) an
/// abort on dispose, with a record of which came first so the status says DEADLINE_EXCEEDED or CANCELLED.
/// </summary>
internal sealed class ClientCallScope : IDisposable
{
    private const int NotCancelled = 0;
    private const int ByCaller = 1;
    private const int ByDispose = 2;

    private readonly CancellationToken _callerToken;
    private readonly CancellationTokenSource? _cts;
    private readonly CancellationTokenRegistration _registration;
    private int _reason;

    public ClientCallScope(TimeSpan? timeout, TimeProvider clock, CancellationToken callerToken, bool abortable)
    {
        _callerToken = callerToken;
        if (timeout is null && !abortable)
        {
            // The common unary call without a timeout costs no token source at all.
            Token = callerToken;
            return;
        }

        _cts = timeout is { } span
            ? new CancellationTokenSource(span < TimeSpan.Zero ? TimeSpan.Zero : span, clock)
            : new CancellationTokenSource();
        if (callerToken.CanBeCanceled)
        {
            _registration = callerToken.UnsafeRegister(static state => ((ClientCallScope)state!).CancelFor(ByCaller), this);
        }

        Token = _cts.Token;
    }

    public CancellationToken Token { get; }

    /// <summary>The status a cancellation of <see cref="Token"/> means, or null if it was not cancelled.</summary>
    public GrpcStatusException? CancellationStatus()
    {
        if (!Token.IsCancellationRequested)
        {
            return null;
        }

        return Volatile.Read(ref _reason) == NotCancelled && !_callerToken.IsCancellationRequested
            ? new GrpcStatusException(GrpcStatusCode.DeadlineExceeded, "Deadline Exceeded")
            : new GrpcStatusException(GrpcStatusCode.Cancelled, "Call cancelled by the client.");
    }

    public void Abort() => CancelFor(ByDispose);

    public void Dispose()
    {
        _registration.Dispose();
        _cts?.Dispose();
    }

    private void CancelFor(int reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, NotCancelled);
        try
        {
            _cts?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call finished as it was cancelled.
        }
    }
}
