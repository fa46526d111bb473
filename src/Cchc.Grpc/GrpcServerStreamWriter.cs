using Google.Protobuf;

namespace Cchc.Grpc;

/// <summary>
/// Sends the response messages of a streaming call. Each write is flushed, so a slow client slows the handler
/// (HTTP/2 flow control) instead of the server buffering without bound.
/// </summary>
public sealed class GrpcServerStreamWriter<T>
    where T : class, IMessage<T>
{
    private readonly GrpcCallContext _context;

    internal GrpcServerStreamWriter(GrpcCallContext context) => _context = context;

    /// <summary>Sends one message. Fails with the call's token once the client is gone or the deadline passed.</summary>
    public async ValueTask WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        CancellationToken token = cancellationToken.CanBeCanceled ? cancellationToken : _context.CancellationToken;
        _context.CancellationToken.ThrowIfCancellationRequested();
        await _context.WriteMessageAsync(message, flush: true, token);

        // Kestrel drops writes to a reset stream silently; surface it so the handler's loop stops.
        _context.CancellationToken.ThrowIfCancellationRequested();
    }
}
