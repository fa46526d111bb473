using System.Reflection;
using Cchc.Api.V1;
using Cchc.Server.Mapping;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;

namespace Cchc.Server.Hosting;

/// <summary>
/// Binds a gRPC service's methods as grpc-dotnet's own binder does (the generated BindService, the overriding handler
/// on <typeparamref name="TService"/>, the attributes of both as endpoint metadata), with two differences: request bytes
/// that are not a message of the method's request type are INVALID_ARGUMENT naming the method and what is wrong, and a
/// live watch's messages and a whole ranking's answer are written from bytes encoded once for all their callers
/// (<see cref="WatchResponseMarshaller"/>, <see cref="EncodedResponseMarshaller"/>).
/// </summary>
/// <remarks>
/// grpc-dotnet parses a unary or server-streaming request before any interceptor runs, so a parse failure never
/// reaches <see cref="Interceptors.ErrorInterceptor"/>: the caller got UNKNOWN ("Exception was thrown by handler.")
/// and the log an error with a stack trace per malformed call; a client stream's bad message failed inside the
/// handler and became INTERNAL. A parse failure is the caller's mistake, and is now said so in every call shape.
/// </remarks>
internal sealed class ApiMethodProvider<TService>(SharedMessages shared) : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is not { } bind)
            {
                continue;
            }

            var method = bind.BindType.GetMethod(bind.BindMethodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static,
                null, [typeof(ServiceBinderBase), type], null)
                ?? throw new InvalidOperationException($"{bind.BindType} has no {bind.BindMethodName}(ServiceBinderBase, {type}).");
            method.Invoke(null, [new Binder(context, type, shared), null]);
            return;
        }
    }

    private static Method<TRequest, TResponse> Bound<TRequest, TResponse>(Method<TRequest, TResponse> method, SharedMessages shared)
        where TRequest : class
        where TResponse : class
    {
        var inner = method.RequestMarshaller;
        var request = new Marshaller<TRequest>(inner.ContextualSerializer, context =>
        {
            try
            {
                return inner.ContextualDeserializer(context);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument,
                    $"The request to {method.FullName} is not a valid {typeof(TRequest).Name} message: {e.Message} Send the message the method's .proto defines."));
            }
        });
        var response = method.ResponseMarshaller switch
        {
            Marshaller<WatchRankingResponse> watch => (Marshaller<TResponse>)(object)WatchResponseMarshaller.Create(watch, shared),
            Marshaller<GetRankingResponse> page => (Marshaller<TResponse>)(object)EncodedResponseMarshaller.Create(page, shared),
            _ => method.ResponseMarshaller,
        };
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, request, response);
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type baseType, SharedMessages shared) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
            context.AddUnaryMethod(Bound(method, shared), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<ClientStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
            context.AddClientStreamingMethod(Bound(method, shared), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<ServerStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddServerStreamingMethod(Bound(method, shared), metadata, invoker);
        }

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
        {
            var (invoker, metadata) = Handler<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(
                method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
            context.AddDuplexStreamingMethod(Bound(method, shared), metadata, invoker);
        }

        // The handler is the service's override of the generated base's virtual method (or the base's own, which
        // answers UNIMPLEMENTED); the service's attributes come first so the method's own take precedence.
        private (TDelegate Invoker, List<object> Metadata) Handler<TDelegate>(string name, params Type[] parameters)
            where TDelegate : Delegate
        {
            var handler = typeof(TService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, null, parameters, null);
            if (handler is not { IsVirtual: true } || handler.GetBaseDefinition().DeclaringType != baseType)
            {
                throw new InvalidOperationException($"{typeof(TService)} has no override of {baseType}.{name}.");
            }

            List<object> metadata =
            [
                .. typeof(TService).GetCustomAttributes(inherit: true),
                .. handler.GetCustomAttributes(inherit: true),
                new HttpMethodMetadata(["POST"], acceptCorsPreflight: true),
            ];
            return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
        }
    }
}
