using System.Globalization;
using System.IO.Pipelines;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Cchc.Grpc;

/// <summary>
/// What a handler knows of its call: request metadata, deadline, cancellation, and the response headers and
/// trailers it may set. One per call; the transport state lives here too so a call costs one object.
/// </summary>
public sealed class GrpcCallContext
{
    private readonly GrpcServiceOptions _options;
    private readonly bool _gzipRequest;
    private readonly bool _gzipResponse;
    private readonly KeyValuePair<string, object?>[] _metricTags;
    private GrpcMetadata? _requestHeaders;
    private GrpcMetadata? _responseHeaders;
    private GrpcMetadata? _responseTrailers;
    private CancellationTokenSource? _deadlineCts;
    private ITimer? _deadlineTimer;
    private int _deadlineExceeded;
    private bool _headersSent;
    private bool _writing;

    internal GrpcCallContext(HttpContext httpContext, string method, GrpcServiceOptions options, bool gzipRequest, bool gzipResponse,
        KeyValuePair<string, object?>[] metricTags)
    {
        HttpContext = httpContext;
        Method = method;
        _options = options;
        _gzipRequest = gzipRequest;
        _gzipResponse = gzipResponse;
        _metricTags = metricTags;
        CancellationToken = httpContext.RequestAborted;
        Deadline = DateTimeOffset.MaxValue;
    }

    /// <summary>The method's path, <c>/package.Service/Method</c>.</summary>
    public string Method { get; }

    /// <summary>The underlying ASP.NET Core request, for what gRPC does not model (user, connection, services).</summary>
    public HttpContext HttpContext { get; }

    /// <summary>Cancelled when the client cancels, the deadline passes, or the connection goes.</summary>
    public CancellationToken CancellationToken { get; private set; }

    /// <summary>When the client's <c>grpc-timeout</c> runs out; <see cref="DateTimeOffset.MaxValue"/> if none.</summary>
    public DateTimeOffset Deadline { get; private set; }

    /// <summary>The client's address, e.g. <c>ipv4:127.0.0.1:50312</c>.</summary>
    public string Peer
    {
        get
        {
            var connection = HttpContext.Connection;
            return connection.RemoteIpAddress?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
                ? string.Create(CultureInfo.InvariantCulture, $"ipv6:[{connection.RemoteIpAddress}]:{connection.RemotePort}")
                : string.Create(CultureInfo.InvariantCulture, $"ipv4:{connection.RemoteIpAddress}:{connection.RemotePort}");
        }
    }

    /// <summary>The request metadata, without the protocol's own headers; <c>-bin</c> values decoded.</summary>
    public GrpcMetadata RequestHeaders => _requestHeaders ??= ReadRequestHeaders();

    /// <summary>Headers to send before the first message (or with the status if there is none).</summary>
    public GrpcMetadata ResponseHeaders => _responseHeaders ??= [];

    /// <summary>Trailers to send with the status, whether the call succeeds or fails.</summary>
    public GrpcMetadata ResponseTrailers => _responseTrailers ??= [];

    internal bool DeadlineExceeded => Volatile.Read(ref _deadlineExceeded) == 1;

    /// <summary>The status the call ended with (CANCELLED when the client went away first); UNKNOWN before it ends.</summary>
    internal GrpcStatusCode StatusCode { get; private set; } = GrpcStatusCode.Unknown;

    /// <summary>Sends <see cref="ResponseHeaders"/> now, before any message.</summary>
    public async ValueTask WriteResponseHeadersAsync(CancellationToken cancellationToken = default)
    {
        if (_headersSent)
        {
            throw new InvalidOperationException("Response headers have already been sent.");
        }

        SendHeaders();
        await HttpContext.Response.BodyWriter.FlushAsync(cancellationToken);
    }

    /// <summary>Stops the deadline timer once the call has ended.</summary>
    internal void Release()
    {
        _deadlineTimer?.Dispose();
        _deadlineCts?.Dispose();
    }

    internal void StartDeadline(TimeSpan timeout)
    {
        TimeProvider clock = _options.TimeProvider;
        Deadline = clock.GetUtcNow() + timeout;
        _deadlineCts = CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted);
        CancellationToken = _deadlineCts.Token;

        // Timers take at most about 49 days; a longer deadline is as good as none.
        if (timeout.TotalMilliseconds < uint.MaxValue - 1)
        {
            _deadlineTimer = clock.CreateTimer(static state => ((GrpcCallContext)state!).OnDeadline(), this, timeout, Timeout.InfiniteTimeSpan);
        }
    }

    internal async ValueTask<T?> ReadMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        PipeReader reader = HttpContext.Request.BodyReader;
        while (true)
        {
            ReadResult result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length >= GrpcProtocol.HeaderSize)
            {
                int length = MessageCodec.ReadHeader(buffer, _options.MaxReceiveMessageSize, out bool compressed);
                if (buffer.Length >= GrpcProtocol.HeaderSize + length)
                {
                    var payload = buffer.Slice(GrpcProtocol.HeaderSize, length);
                    try
                    {
                        _options.Metrics.MessageReceived(_metricTags);
                        return MessageCodec.Parse(payload, compressed, _gzipRequest, parser, _options.MaxReceiveMessageSize, "request message");
                    }
                    finally
                    {
                        reader.AdvanceTo(payload.End);
                    }
                }
            }

            if (result.IsCompleted)
            {
                if (buffer.Length == 0)
                {
                    reader.AdvanceTo(buffer.End);
                    return null;
                }

                throw new GrpcStatusException(GrpcStatusCode.Internal, "Incomplete message: the request ended inside a message frame.");
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Reads the one request message of a unary or server-streaming call.</summary>
    internal async ValueTask<T> ReadSingleMessageAsync<T>(MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        T message = await ReadMessageAsync(parser, CancellationToken)
            ?? throw new GrpcStatusException(GrpcStatusCode.Internal, "The request ended before its message was sent.");
        if (await ReadMessageAsync(parser, CancellationToken) is not null)
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, "The method takes one request message, but more were sent.");
        }

        return message;
    }

    internal ValueTask<FlushResult> WriteMessageAsync<T>(T message, bool flush, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        if (_writing)
        {
            throw new InvalidOperationException("Only one write at a time: await each WriteAsync before the next.");
        }

        SendHeaders();
        PipeWriter writer = HttpContext.Response.BodyWriter;
        MessageCodec.WriteFrame(writer, message, _options.MaxSendMessageSize, _gzipResponse);
        _options.Metrics.MessageSent(_metricTags);
        if (!flush)
        {
            return default;
        }

        _writing = true;
        ValueTask<FlushResult> pending = writer.FlushAsync(cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            _writing = false;
            return pending;
        }

        return AwaitFlush(pending);
    }

    /// <summary>Ends a call that succeeded: status OK and the handler's trailers.</summary>
    internal void CompleteOk()
    {
        if (DeadlineExceeded)
        {
            // The handler finished after its deadline; the client was promised DEADLINE_EXCEEDED.
            WriteStatus(GrpcStatusCode.DeadlineExceeded, "Deadline Exceeded");
            return;
        }

        WriteStatus(GrpcStatusCode.OK, null);
    }

    /// <summary>Ends a call whose handler or transport threw.</summary>
    internal void Fail(Exception exception)
    {
        if (DeadlineExceeded)
        {
            WriteStatus(GrpcStatusCode.DeadlineExceeded, "Deadline Exceeded");
            return;
        }

        if (HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client reset the stream (cancelled, or its own deadline won the race): nobody is listening.
            StatusCode = GrpcStatusCode.Cancelled;
            Logger()?.LogDebug("gRPC call {Method} ended by the client.", Method);
            return;
        }

        switch (exception)
        {
            case GrpcStatusException status:
                if (status.Trailers.Count > 0)
                {
                    foreach (GrpcMetadataEntry entry in status.Trailers)
                    {
                        ResponseTrailers.AddEntry(entry);
                    }
                }

                if (status.StatusCode == GrpcStatusCode.Internal && status.InnerException is not null)
                {
                    Logger()?.LogWarning(status.InnerException, "gRPC call {Method} failed: {Detail}", Method, status.Detail);
                }

                WriteStatus(status.StatusCode, status.Detail);
                break;
            default:
                // The exception's text stays in the server log: it may name internals the client must not see.
                Logger()?.LogError(exception, "gRPC handler for {Method} threw.", Method);
                WriteStatus(GrpcStatusCode.Unknown, "Exception was thrown by handler.");
                break;
        }
    }

    private async ValueTask<FlushResult> AwaitFlush(ValueTask<FlushResult> pending)
    {
        try
        {
            return await pending;
        }
        finally
        {
            _writing = false;
        }
    }

    private void SendHeaders()
    {
        if (_headersSent)
        {
            return;
        }

        _headersSent = true;
        var headers = HttpContext.Response.Headers;
        if (_gzipResponse)
        {
            headers[GrpcProtocol.EncodingHeader] = GrpcProtocol.Gzip;
        }

        if (_responseHeaders is { Count: > 0 })
        {
            AppendMetadata(headers, _responseHeaders);
        }
    }

    private void WriteStatus(GrpcStatusCode status, string? message)
    {
        StatusCode = status;
        HttpResponse response = HttpContext.Response;
        if (!_headersSent && !response.HasStarted)
        {
            // Trailers-only: no message was sent, so status and trailers travel in the one header block.
            _headersSent = true;
            IHeaderDictionary headers = response.Headers;
            if (_responseHeaders is { Count: > 0 })
            {
                AppendMetadata(headers, _responseHeaders);
            }

            if (_responseTrailers is { Count: > 0 })
            {
                AppendMetadata(headers, _responseTrailers);
            }

            headers[GrpcProtocol.StatusHeader] = GrpcProtocol.StatusText(status);
            if (!string.IsNullOrEmpty(message))
            {
                headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(message);
            }

            return;
        }

        if (_responseTrailers is { Count: > 0 })
        {
            foreach (GrpcMetadataEntry entry in _responseTrailers)
            {
                response.AppendTrailer(entry.Key, entry.Value);
            }
        }

        response.AppendTrailer(GrpcProtocol.StatusHeader, GrpcProtocol.StatusText(status));
        if (!string.IsNullOrEmpty(message))
        {
            response.AppendTrailer(GrpcProtocol.MessageHeader, GrpcProtocol.EncodeMessage(message));
        }
    }

    private static void AppendMetadata(IHeaderDictionary headers, GrpcMetadata metadata)
    {
        foreach (GrpcMetadataEntry entry in metadata)
        {
            headers.Append(entry.Key, entry.Value);
        }
    }

    private GrpcMetadata ReadRequestHeaders()
    {
        var metadata = new GrpcMetadata();
        foreach (KeyValuePair<string, StringValues> header in HttpContext.Request.Headers)
        {
            if (GrpcProtocol.IsReservedHeader(header.Key))
            {
                continue;
            }

            foreach (string? value in header.Value)
            {
                if (value is null)
                {
                    continue;
                }

                try
                {
                    metadata.AddFromWire(header.Key.ToLowerInvariant(), value);
                }
                catch (FormatException ex)
                {
                    throw new GrpcStatusException(GrpcStatusCode.Internal, $"Request metadata '{header.Key}' is not valid base64.", innerException: ex);
                }
            }
        }

        return metadata;
    }

    private void OnDeadline()
    {
        Interlocked.Exchange(ref _deadlineExceeded, 1);
        try
        {
            _deadlineCts?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended as the timer fired.
        }
    }

    private ILogger? Logger() =>
        HttpContext.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Cchc.Grpc.Server");
}
