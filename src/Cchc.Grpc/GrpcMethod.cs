using Google.Protobuf;

namespace Cchc.Grpc;

/// <summary>
/// One method of a service: its path and the parsers of its generated message types. Server registration and
/// client calls share it, so a method is described once.
/// </summary>
public sealed class GrpcMethod<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    public GrpcMethod(GrpcMethodType type, string serviceName, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (serviceName.Contains('/', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("Service and method names are the proto names and contain no '/'.");
        }

        Type = type;
        ServiceName = serviceName;
        Name = name;
        Path = "/" + serviceName + "/" + name;
    }

    public GrpcMethodType Type { get; }

    /// <summary>The fully qualified proto service name, e.g. <c>cchc.testing.v1.EchoService</c>.</summary>
    public string ServiceName { get; }

    public string Name { get; }

    /// <summary>The HTTP/2 <c>:path</c>: <c>/{ServiceName}/{Name}</c>.</summary>
    public string Path { get; }

    public MessageParser<TRequest> RequestParser => Parsers<TRequest>.Instance;

    public MessageParser<TResponse> ResponseParser => Parsers<TResponse>.Instance;

    public override string ToString() => Path;
}
