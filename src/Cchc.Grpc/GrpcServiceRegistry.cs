using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Cchc.Grpc;

/// <summary>
/// The one place services are registered: each method with its generated message types and its handler, and
/// each service's <see cref="FileDescriptor"/> for reflection. Mapping it into a host freezes it.
/// </summary>
public sealed class GrpcServiceRegistry
{
    private readonly Dictionary<string, ServerMethodHandler> _methods = new(StringComparer.Ordinal);
    private readonly List<string> _serviceNames = [];
    private readonly List<FileDescriptor> _files = [];
    private bool _frozen;

    /// <summary>Fully qualified names of the registered services, in registration order.</summary>
    public IReadOnlyList<string> ServiceNames => _serviceNames;

    /// <summary>The registered proto files (their dependencies are reachable from them).</summary>
    public IReadOnlyList<FileDescriptor> FileDescriptors => _files;

    internal IEnumerable<ServerMethodHandler> Methods => _methods.Values;

    public GrpcServiceRegistry AddUnary<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, Func<TRequest, GrpcCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Add(ServerMethodHandler<TRequest, TResponse>.Unary(method, handler ?? throw new ArgumentNullException(nameof(handler))));

    public GrpcServiceRegistry AddUnary<TRequest, TResponse>(
        string serviceName, string methodName, Func<TRequest, GrpcCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        AddUnary(new GrpcMethod<TRequest, TResponse>(GrpcMethodType.Unary, serviceName, methodName), handler);

    public GrpcServiceRegistry AddServerStreaming<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, Func<TRequest, GrpcServerStreamWriter<TResponse>, GrpcCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Add(ServerMethodHandler<TRequest, TResponse>.ServerStreaming(method, handler ?? throw new ArgumentNullException(nameof(handler))));

    public GrpcServiceRegistry AddServerStreaming<TRequest, TResponse>(
        string serviceName, string methodName, Func<TRequest, GrpcServerStreamWriter<TResponse>, GrpcCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        AddServerStreaming(new GrpcMethod<TRequest, TResponse>(GrpcMethodType.ServerStreaming, serviceName, methodName), handler);

    public GrpcServiceRegistry AddClientStreaming<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, Func<IAsyncEnumerable<TRequest>, GrpcCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Add(ServerMethodHandler<TRequest, TResponse>.ClientStreaming(method, handler ?? throw new ArgumentNullException(nameof(handler))));

    public GrpcServiceRegistry AddClientStreaming<TRequest, TResponse>(
        string serviceName, string methodName, Func<IAsyncEnumerable<TRequest>, GrpcCallContext, Task<TResponse>> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        AddClientStreaming(new GrpcMethod<TRequest, TResponse>(GrpcMethodType.ClientStreaming, serviceName, methodName), handler);

    public GrpcServiceRegistry AddDuplexStreaming<TRequest, TResponse>(
        GrpcMethod<TRequest, TResponse> method, Func<IAsyncEnumerable<TRequest>, GrpcServerStreamWriter<TResponse>, GrpcCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Add(ServerMethodHandler<TRequest, TResponse>.Duplex(method, handler ?? throw new ArgumentNullException(nameof(handler))));

    public GrpcServiceRegistry AddDuplexStreaming<TRequest, TResponse>(
        string serviceName, string methodName, Func<IAsyncEnumerable<TRequest>, GrpcServerStreamWriter<TResponse>, GrpcCallContext, Task> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        AddDuplexStreaming(new GrpcMethod<TRequest, TResponse>(GrpcMethodType.DuplexStreaming, serviceName, methodName), handler);

    /// <summary>
    /// Registers a proto file (the generated <c>XxxReflection.Descriptor</c>) so server reflection can describe
    /// its services and messages; its dependencies are served too.
    /// </summary>
    public GrpcServiceRegistry AddFileDescriptor(FileDescriptor file)
    {
        ArgumentNullException.ThrowIfNull(file);
        ThrowIfFrozen();
        if (!_files.Contains(file))
        {
            _files.Add(file);
        }

        return this;
    }

    internal bool HasService(string serviceName) => _serviceNames.Contains(serviceName, StringComparer.Ordinal);

    internal void Freeze() => _frozen = true;

    private GrpcServiceRegistry Add(ServerMethodHandler handler)
    {
        ThrowIfFrozen();
        if (!_methods.TryAdd(handler.Path, handler))
        {
            throw new InvalidOperationException($"Method {handler.Path} is already registered.");
        }

        if (!_serviceNames.Contains(handler.ServiceName, StringComparer.Ordinal))
        {
            _serviceNames.Add(handler.ServiceName);
        }

        return this;
    }

    private void ThrowIfFrozen()
    {
        if (_frozen)
        {
            throw new InvalidOperationException("The registry is mapped into a host already; register every service before MapGrpcServices.");
        }
    }
}
