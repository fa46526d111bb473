using System.Net;

namespace Cchc.Grpc.Client;

/// <summary>The body of a unary or server-streaming call: one framed message, length known up front.</summary>
internal sealed class FramedContent : HttpContent
{
    private readonly byte[] _frame;

    public FramedContent(byte[] frame)
    {
        _frame = frame;
        Headers.ContentType = GrpcProtocol.ContentTypeValue;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_frame).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_frame, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = _frame.Length;
        return true;
    }
}
