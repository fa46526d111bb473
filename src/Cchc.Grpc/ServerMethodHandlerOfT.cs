using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace Cchc.Grpc;

/// <summary>A registered method with its typed handler; one of the four delegates is set, by method type.</summary>
internal sealed class ServerMethodHandler<TRequest, TResponse> : ServerMethodHandler
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    private readonly Func<TRequest, GrpcCallContext, Task<TResponse>>? _unary;
    private readonly Func<TRequest, GrpcServerStreamWriter<TResponse>, GrpcCallContext, Task>? _serverStreaming;
    private readonly Func<IAsyncEnumerable<TRequest>, GrpcCallContext, Task<TResponse>>? _clientStreaming;
    private readonly Func<IAsyncEnumerable<TRequest>, GrpcServerStreamWriter<TResponse>, GrpcCallContext, Task>? _duplex;

    private ServerMethodHandler(
        GrpcMethod<TRequest, TResponse> method,
        Func<TRequest, GrpcCallContext, Task<TResponse>>? unary,
        Func<TRequest, GrpcServerStreamWriter<TResponse>, GrpcCallContext, Task>? serverStreaming,
        Func<IAsyncEnumerable<TRequest>, GrpcCallContext, Task<TResponse>>? clientStreaming,
        Func<IAsyncEnumerable<TRequest>, GrpcServerStreamWriter<TResponse>, GrpcCallContext, Task>? duplex)
        : base(method.ServiceName, method.Name, method.Type)
    {
        _unary = unary;
        _serverStreaming = serverStreaming;
        _clientStreaming = clientStreaming;
        _duplex = duplex;
    }

    public static ServerMethodHandler<TRequest, TResponse> Unary(GrpcMethod<TRequest, TResponse> method, Func<TRequest, GrpcCallContext, Task<TResponse>> handler) =>
        new(Expect(method, GrpcMethodType.Unary), handler, null, null, null);

    public static ServerMethodHandler<TRequest, TResponse> ServerStreaming(GrpcMethod<TRequest, TResponse> method, Func<TRequest, GrpcServerStreamWriter<TResponse>, GrpcCallContext, Task> handler) =>
        new(Expect(method, GrpcMethodType.ServerStreaming), null, handler, null, null);

    public static ServerMethodHandler<TRequest, TResponse> ClientStreaming(GrpcMethod<TRequest, TResponse> method, Func<IAsyncEnumerable<TRequest>, GrpcCallContext, Task<TResponse>> handler) =>
        new(Expect(method, GrpcMethodType.ClientStreaming), null, null, handler, null);

    public static ServerMethodHandler<TRequest, TResponse> Duplex(GrpcMethod<TRequest, TResponse> method, Func<IAsyncEnumerable<TRequest>, GrpcServerStreamWriter<TResponse>, GrpcCallContext, Task> handler) =>
        new(Expect(method, GrpcMethodType.DuplexStreaming), null, null, null, handler);

    protected override async Task InvokeAsync(GrpcCallContext context)
    {
        MessageParser<TRequest> parser = Parsers<TRequest>.Instance;
        switch (Type)
        {
            case GrpcMethodType.Unary:
            {
                TRequest request = await context.ReadSingleMessageAsync(parser);
                TResponse response = await _unary!(request, context)
                    ?? throw new InvalidOperationException($"The handler for {Path} returned no response message.");
                if (!context.DeadlineExceeded)
                {
                    // Not flushed: Kestrel sends the message and the trailers together when the call ends.
                    await context.WriteMessageAsync(response, flush: false, context.CancellationToken);
                }

                break;
            }

            case GrpcMethodType.ServerStreaming:
            {
                TRequest request = await context.ReadSingleMessageAsync(parser);
                await _serverStreaming!(request, new GrpcServerStreamWriter<TResponse>(context), context);
                break;
            }

            case GrpcMethodType.ClientStreaming:
            {
                TResponse response = await _clientStreaming!(ReadAllAsync(context, parser), context)
                    ?? throw new InvalidOperationException($"The handler for {Path} returned no response message.");
                if (!context.DeadlineExceeded)
                {
                    await context.WriteMessageAsync(response, flush: false, context.CancellationToken);
                }

                break;
            }

            default:
                await _duplex!(ReadAllAsync(context, parser), new GrpcServerStreamWriter<TResponse>(context), context);
                break;
        }
    }

    private static async IAsyncEnumerable<TRequest> ReadAllAsync(
        GrpcCallContext context,
        MessageParser<TRequest> parser,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using CancellationTokenSource? linked = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.CancellationToken)
            : null;
        CancellationToken token = linked?.Token ?? context.CancellationToken;
        while (await context.ReadMessageAsync(parser, token) is { } message)
        {
            yield return message;
        }
    }

    private static GrpcMethod<TRequest, TResponse> Expect(GrpcMethod<TRequest, TResponse> method, GrpcMethodType type)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != type)
        {
            throw new ArgumentException($"{method.Path} is a {method.Type} method; it cannot be registered as {type}.", nameof(method));
        }

        return method;
    }
}
