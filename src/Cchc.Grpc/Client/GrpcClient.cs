using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;

namespace Cchc.Grpc.Client;

/// <summary>
/// Calls gRPC services over HTTP/2: cleartext with prior knowledge (<c>http://</c>) or TLS with ALPN h2
/// (<c>https://</c>). Thread-safe; make one per server and share it, as it owns the connections.
/// </summary>
public sealed class GrpcClient : IDisposable
{
    private const string UserAgent = "cchc-grpc-dotnet/1.0";

    private readonly HttpMessageInvoker _invoker;
    private readonly HttpMessageHandler? _handlerToDispose;
    private readonly ConcurrentDictionary<string, Uri> _uris = new(StringComparer.Ordinal);

    public GrpcClient(Uri address, GrpcClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"The address must be http:// (cleartext HTTP/2) or https:// (TLS), not '{address}'.", nameof(address));
        }

        Address = address;
        Options = options ?? new GrpcClientOptions();
        HttpMessageHandler handler = Options.HttpHandler ?? CreateDefaultHandler(Options);
        _invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        _handlerToDispose = Options.HttpHandler is null || Options.DisposeHttpHandler ? handler : null;
    }

    public Uri Address { get; }

    public GrpcClientOptions Options { get; }

    /// <summary>Makes a unary call and returns the response message; a failed call throws <see cref="GrpcStatusException"/>.</summary>
    public async Task<TResponse> UnaryAsync<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        (await UnaryCallAsync(method, request, options, cancellationToken)).Message;

    /// <summary>Makes a unary call and returns the message with the response headers and trailers.</summary>
    public async Task<GrpcResponse<TResponse>> UnaryCallAsync<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        byte[] frame = MessageCodec.ToFrame(request, Options.MaxSendMessageSize, Options.CompressRequests);
        using var scope = new ClientCallScope(options?.Timeout, Options.TimeProvider, cancellationToken, abortable: false);
        using HttpRequestMessage httpRequest = CreateRequest(method.Path, options, new FramedContent(frame));
        HttpResponseMessage? response = null;
        try
        {
            response = await _invoker.SendAsync(httpRequest, scope.Token);
            if (ClientProtocol.ReadHeaderStatus(response) is not null)
            {
                throw new GrpcStatusException(GrpcStatusCode.Internal, "The server ended a unary call without a response message.");
            }

            bool gzip = ClientProtocol.IsGzipResponse(response);
            Stream body = await response.Content.ReadAsStreamAsync(scope.Token);
            byte[] header = new byte[GrpcProtocol.HeaderSize];
            TResponse? message = await ClientProtocol.ReadMessageAsync(body, header, method.ResponseParser, Options.MaxReceiveMessageSize, gzip, scope.Token);
            bool extra = message is not null &&
                await ClientProtocol.ReadMessageAsync(body, header, method.ResponseParser, Options.MaxReceiveMessageSize, gzip, scope.Token) is not null;
            ClientProtocol.ReadTrailerStatus(response);
            if (message is null || extra)
            {
                throw new GrpcStatusException(GrpcStatusCode.Internal, message is null
                    ? "The server ended a unary call without a response message."
                    : "The server sent more than one message on a unary call.");
            }

            return new GrpcResponse<TResponse>(message, response);
        }
        catch (Exception ex)
        {
            throw ClientProtocol.ToStatus(ex, scope);
        }
        finally
        {
            response?.Dispose();
        }
    }

    /// <summary>Starts a server-streaming call: the request is sent, read the responses from the call.</summary>
    public GrpcCall<TRequest, TResponse> ServerStreaming<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, TRequest request, GrpcCallOptions? options = null, CancellationToken cancellationToken = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(request);
        byte[] frame = MessageCodec.ToFrame(request, Options.MaxSendMessageSize, Options.CompressRequests);
        return new GrpcCall<TRequest, TResponse>(this, method, options, new FramedContent(frame), cancellationToken);
    }

    /// <summary>
    /// Starts a client-streaming or duplex call: write requests, complete them, and read the response(s).
    /// Dispose the call to cancel it if it has not finished.
    /// </summary>
    public GrpcCall<TRequest, TResponse> StartCall<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, GrpcCallOptions? options = null, CancellationToken cancellationToken = default)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        return new GrpcCall<TRequest, TResponse>(this, method, options, new PushStreamContent(), cancellationToken);
    }

    public void Dispose()
    {
        _invoker.Dispose();
        _handlerToDispose?.Dispose();
    }

    internal Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _invoker.SendAsync(request, cancellationToken);

    internal HttpRequestMessage CreateRequest(string path, GrpcCallOptions? options, HttpContent content)
    {
        Uri uri = _uris.GetOrAdd(path, static (p, baseAddress) => new Uri(baseAddress, p), Address);
        var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("user-agent", UserAgent);
        headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, GrpcProtocol.SupportedEncodings);
        if (Options.CompressRequests)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, GrpcProtocol.Gzip);
        }

        if (options?.Timeout is { } timeout)
        {
            headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcProtocol.FormatTimeout(timeout));
        }

        if (options?.Headers is { Count: > 0 } metadata)
        {
            ClientProtocol.AddRequestHeaders(headers, metadata);
        }

        return request;
    }

    private static SocketsHttpHandler CreateDefaultHandler(GrpcClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // One HTTP/2 connection caps concurrent calls at the server's stream limit (100 on Kestrel).
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        if (options.ServerCertificateValidation is { } validate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = validate;
        }

        return handler;
    }
}
