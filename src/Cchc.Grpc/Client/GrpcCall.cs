using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Cchc.Grpc.Client;

/// <summary>
/// A streaming call in progress. Write requests (client and duplex streaming), complete them, read responses;
/// once the responses end the status is known and the trailers can be read. Disposing an unfinished call
/// cancels it (RST_STREAM).
/// </summary>
public sealed class GrpcCall<TRequest, TResponse> : IAsyncDisposable
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly GrpcClient _client;
    private readonly GrpcMethod<TRequest, TResponse> _method;
    private readonly ClientCallScope _scope;
    private readonly HttpRequestMessage _request;
    private readonly PushStreamContent? _push;
    private readonly Task<HttpResponseMessage> _responseTask;
    private readonly byte[] _header = new byte[GrpcProtocol.HeaderSize];
    private Stream? _body;
    private bool _gzipResponse;
    private bool _requestCompleted;
    private GrpcStatusException? _failure;
    private bool _finished;
    private int _disposed;

    internal GrpcCall(GrpcClient client, GrpcMethod<TRequest, TResponse> method, GrpcCallOptions? options, HttpContent content, CancellationToken cancellationToken)
    {
        _client = client;
        _method = method;
        _scope = new ClientCallScope(options?.Timeout, client.Options.TimeProvider, cancellationToken, abortable: true);
        _push = content as PushStreamContent;
        _requestCompleted = _push is null;
        _request = client.CreateRequest(method.Path, options, content);
        _responseTask = client.SendAsync(_request, _scope.Token);
    }

    /// <summary>The status once the call has ended: OK, or the failure the reads threw.</summary>
    public GrpcStatusCode? Status => _finished ? _failure?.StatusCode ?? GrpcStatusCode.OK : null;

    /// <summary>Waits for the response headers (metadata the server sent before its first message).</summary>
    public async Task<GrpcMetadata> GetResponseHeadersAsync()
    {
        HttpResponseMessage response = await ResponseAsync();
        return ClientProtocol.ReadMetadata(response.Headers);
    }

    /// <summary>The trailers, once the responses have been read to the end.</summary>
    public GrpcMetadata GetTrailers()
    {
        if (!_finished)
        {
            throw new InvalidOperationException("Trailers come at the end of the call: read the responses to the end first.");
        }

        return _failure?.Trailers ?? ClientProtocol.ReadTrailers(_responseTask.Result);
    }

    /// <summary>Sends one request message (client and duplex streaming).</summary>
    public async ValueTask WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        PushStreamContent push = _push ?? throw new InvalidOperationException("This call's request was sent whole when it started.");
        if (_requestCompleted)
        {
            throw new InvalidOperationException("The request stream is already complete.");
        }

        byte[] frame = MessageCodec.ToFrame(message, _client.Options.MaxSendMessageSize, _client.Options.CompressRequests);
        try
        {
            using CancellationTokenSource? linked = cancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _scope.Token)
                : null;
            CancellationToken token = linked?.Token ?? _scope.Token;
            Stream stream = await push.GetStreamAsync().WaitAsync(token);
            await stream.WriteAsync(frame, token);
            await stream.FlushAsync(token);
        }
        catch (Exception ex) when (ex is not GrpcStatusException)
        {
            // The server may have ended the call already; its status explains the failed write best.
            if (_responseTask.IsCompletedSuccessfully && ClientProtocol.ReadHeaderStatusOrNull(_responseTask.Result) is { } status)
            {
                throw status;
            }

            throw ClientProtocol.ToStatus(ex, _scope);
        }
    }

    /// <summary>Half-closes the request stream: no more request messages.</summary>
    public ValueTask CompleteRequestAsync()
    {
        _requestCompleted = true;
        _push?.Complete();
        return ValueTask.CompletedTask;
    }

    /// <summary>Reads the next response message, or null once the server ended the call with OK.</summary>
    public async ValueTask<TResponse?> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (_finished)
        {
            return _failure is null ? null : throw _failure;
        }

        try
        {
            using CancellationTokenSource? linked = cancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _scope.Token)
                : null;
            CancellationToken token = linked?.Token ?? _scope.Token;
            HttpResponseMessage response = await ResponseAsync();
            if (_body is null)
            {
                if (ClientProtocol.ReadHeaderStatus(response) is not null)
                {
                    Finish(null);
                    return null;
                }

                _gzipResponse = ClientProtocol.IsGzipResponse(response);
                _body = await response.Content.ReadAsStreamAsync(token);
            }

            TResponse? message = await ClientProtocol.ReadMessageAsync(_body, _header, _method.ResponseParser, _client.Options.MaxReceiveMessageSize, _gzipResponse, token);
            if (message is null)
            {
                ClientProtocol.ReadTrailerStatus(response);
                Finish(null);
            }

            return message;
        }
        catch (Exception ex)
        {
            GrpcStatusException status = ClientProtocol.ToStatus(ex, _scope);
            Finish(status);
            throw status;
        }
    }

    /// <summary>Reads every response message until the call ends.</summary>
    public async IAsyncEnumerable<TResponse> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await ReadAsync(cancellationToken) is { } message)
        {
            yield return message;
        }
    }

    /// <summary>Completes the request stream if still open, then reads the one response of a client-streaming call.</summary>
    public async Task<TResponse> GetResponseAsync(CancellationToken cancellationToken = default)
    {
        await CompleteRequestAsync();
        TResponse message = await ReadAsync(cancellationToken)
            ?? throw Fail(new GrpcStatusException(GrpcStatusCode.Internal, "The server ended the call without a response message."));
        if (await ReadAsync(cancellationToken) is not null)
        {
            throw Fail(new GrpcStatusException(GrpcStatusCode.Internal, "The server sent more than one response message."));
        }

        return message;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (!_finished)
        {
            _scope.Abort();
            _push?.Abort();
        }

        try
        {
            HttpResponseMessage response = await _responseTask;
            response.Dispose();
        }
#pragma warning disable CA1031 // The call's outcome was reported by its reads; disposal only releases it.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        if (_body is not null)
        {
            await _body.DisposeAsync();
        }

        _request.Dispose();
        _scope.Dispose();
    }

    private async Task<HttpResponseMessage> ResponseAsync()
    {
        try
        {
            return await _responseTask;
        }
        catch (Exception ex)
        {
            GrpcStatusException status = ClientProtocol.ToStatus(ex, _scope);
            Finish(status);
            throw status;
        }
    }

    private GrpcStatusException Fail(GrpcStatusException status)
    {
        Finish(status);
        return status;
    }

    private void Finish(GrpcStatusException? failure)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        _failure = failure;
        _push?.Complete();
    }
}
