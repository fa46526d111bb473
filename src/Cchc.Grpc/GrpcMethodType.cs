namespace Cchc.Grpc;

/// <summary>Whether each side of a call sends one message or a stream of them.</summary>
public enum GrpcMethodType
{
    Unary,
    ServerStreaming,
    ClientStreaming,
    DuplexStreaming,
}
