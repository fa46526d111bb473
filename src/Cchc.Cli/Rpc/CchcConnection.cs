using Cchc.Grpc;
using Cchc.Grpc.Client;
using Google.Protobuf;

namespace Cchc.Cli.Rpc;

/// <summary>One server and the caller's credentials: every call of a command goes through it.</summary>
internal sealed class CchcConnection : IDisposable
{
    private readonly GrpcCallOptions _callOptions;

    public CchcConnection(Uri server, string? token, GrpcClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        Server = server;
        Client = new GrpcClient(server, clientOptions);
        var headers = new GrpcMetadata();
        if (!string.IsNullOrEmpty(token))
        {
            headers.Add("authorization", "Bearer " + token);
        }

        _callOptions = new GrpcCallOptions { Headers = headers };
    }

    public Uri Server { get; }

    public GrpcClient Client { get; }

    public GrpcCallOptions CallOptions => _callOptions;

    public Task<TResponse> UnaryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Client.UnaryAsync(method, request, _callOptions, cancellationToken);

    public GrpcCall<TRequest, TResponse> ServerStreaming<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Client.ServerStreaming(method, request, _callOptions, cancellationToken);

    public GrpcCall<TRequest, TResponse> StartCall<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Client.StartCall(method, _callOptions, cancellationToken);

    public void Dispose() => Client.Dispose();
}
