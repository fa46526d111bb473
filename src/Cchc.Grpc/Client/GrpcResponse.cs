namespace Cchc.Grpc.Client;

/// <summary>A unary call's response message with its headers and trailers.</summary>
public sealed class GrpcResponse<TResponse>
{
    private readonly HttpResponseMessage _response;
    private GrpcMetadata? _headers;
    private GrpcMetadata? _trailers;

    internal GrpcResponse(TResponse message, HttpResponseMessage response)
    {
        Message = message;
        _response = response;
    }

    public TResponse Message { get; }

    public GrpcMetadata Headers => _headers ??= ClientProtocol.ReadMetadata(_response.Headers);

    public GrpcMetadata Trailers => _trailers ??= ClientProtocol.ReadTrailers(_response);
}
