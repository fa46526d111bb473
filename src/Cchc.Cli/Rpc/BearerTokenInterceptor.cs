using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Cchc.Cli.Rpc;

/// <summary>
/// Gives every call one caller's bearer token as call credentials (<c>authorization: Bearer ...</c>), so several
/// callers (the demo's roles) share one channel and its connections.
/// </summary>
internal sealed class BearerTokenInterceptor : Interceptor
{
    private readonly CallCredentials _credentials;

    public BearerTokenInterceptor(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        var value = "Bearer " + token;
        _credentials = CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", value);
            return Task.CompletedTask;
        });
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, BlockingUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithToken(context));

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithToken(context));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithToken(context));

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithToken(context));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithToken(context));

    private ClientInterceptorContext<TRequest, TResponse> WithToken<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
        where TRequest : class
        where TResponse : class =>
        new(context.Method, context.Host, context.Options.WithCredentials(_credentials));
}
