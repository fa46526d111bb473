using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Google.Protobuf;

namespace Cchc.Grpc.Client;

/// <summary>The client's half of the protocol: reading statuses, metadata and messages off a response.</summary>
internal static class ClientProtocol
{
    /// <summary>
    /// Checks a response's headers. Returns the call's final status when they already carry it (trailers-only),
    /// null when messages follow; throws for anything that is not a gRPC response.
    /// </summary>
    public static GrpcStatusCode? ReadHeaderStatus(HttpResponseMessage response)
    {
        string? status = First(response.Headers, GrpcProtocol.StatusHeader);
        if (status is not null)
        {
            ThrowIfFailed(status, First(response.Headers, GrpcProtocol.MessageHeader), response, trailersOnly: true);
            return GrpcStatusCode.OK;
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new GrpcStatusException(
                GrpcProtocol.StatusFromHttp((int)response.StatusCode),
                $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}.");
        }

        string? contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType}.");
        }

        return null;
    }

    /// <summary>The failure a response's headers already carry (trailers-only), if any, without throwing it.</summary>
    public static GrpcStatusException? ReadHeaderStatusOrNull(HttpResponseMessage response)
    {
        try
        {
            ReadHeaderStatus(response);
            return null;
        }
        catch (GrpcStatusException status)
        {
            return status;
        }
    }

    /// <summary>Reads the status from the trailers once the body has ended; throws unless it is OK.</summary>
    public static void ReadTrailerStatus(HttpResponseMessage response)
    {
        string? status = First(response.TrailingHeaders, GrpcProtocol.StatusHeader);
        if (status is null)
        {
            // The spec makes grpc-status mandatory; without it the call cannot be called a success.
            throw new GrpcStatusException(GrpcStatusCode.Internal, "The response ended without a grpc-status trailer.");
        }

        ThrowIfFailed(status, First(response.TrailingHeaders, GrpcProtocol.MessageHeader), response, trailersOnly: false);
    }

    public static bool IsGzipResponse(HttpResponseMessage response)
    {
        string? encoding = First(response.Headers, GrpcProtocol.EncodingHeader);
        return encoding is not null && encoding.Equals(GrpcProtocol.Gzip, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads one message, or null at a clean end of the body.</summary>
    public static async ValueTask<T?> ReadMessageAsync<T>(Stream body, byte[] header, MessageParser<T> parser, int maxSize, bool gzip, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        int read = await body.ReadAtLeastAsync(header.AsMemory(0, GrpcProtocol.HeaderSize), GrpcProtocol.HeaderSize, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return null;
        }

        if (read < GrpcProtocol.HeaderSize)
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, "Incomplete message: the response ended inside a frame header.");
        }

        int length = MessageCodec.ReadHeader(header.AsSpan(0, GrpcProtocol.HeaderSize), maxSize, out bool compressed);
        byte[] payload = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            if (await body.ReadAtLeastAsync(payload.AsMemory(0, length), length, throwOnEndOfStream: false, cancellationToken) < length)
            {
                throw new GrpcStatusException(GrpcStatusCode.Internal, "Incomplete message: the response ended inside a message.");
            }

            return MessageCodec.Parse(new ReadOnlySequence<byte>(payload, 0, length), compressed, gzip, parser, maxSize, "response message");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }

    /// <summary>Turns what the transport threw into the status the caller sees.</summary>
    public static GrpcStatusException ToStatus(Exception exception, ClientCallScope scope)
    {
        if (exception is GrpcStatusException status)
        {
            return status;
        }

        if (scope.CancellationStatus() is { } cancelled)
        {
            return new GrpcStatusException(cancelled.StatusCode, cancelled.Detail, innerException: exception);
        }

        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case HttpProtocolException protocol:
                    return protocol.ErrorCode switch
                    {
                        0x8 => new GrpcStatusException(GrpcStatusCode.Cancelled, "The server cancelled the call (RST_STREAM CANCEL).", innerException: exception),
                        0x7 => new GrpcStatusException(GrpcStatusCode.Unavailable, "The server refused the stream.", innerException: exception),
                        0xB => new GrpcStatusException(GrpcStatusCode.ResourceExhausted, "The server reported excessive load (ENHANCE_YOUR_CALM).", innerException: exception),
                        0xC => new GrpcStatusException(GrpcStatusCode.PermissionDenied, "The server requires a stronger TLS setup (INADEQUATE_SECURITY).", innerException: exception),
                        _ => new GrpcStatusException(GrpcStatusCode.Internal, $"HTTP/2 error code {protocol.ErrorCode}.", innerException: exception),
                    };
                case SocketException:
                    return new GrpcStatusException(GrpcStatusCode.Unavailable, "Error connecting to the server.", innerException: exception);
            }
        }

        return exception switch
        {
            HttpRequestException or IOException => new GrpcStatusException(GrpcStatusCode.Unavailable, "The connection to the server failed.", innerException: exception),
            OperationCanceledException => new GrpcStatusException(GrpcStatusCode.Cancelled, "Call cancelled.", innerException: exception),
            _ => new GrpcStatusException(GrpcStatusCode.Internal, "The call failed in the client.", innerException: exception),
        };
    }

    public static GrpcMetadata ReadMetadata(HttpHeaders headers)
    {
        var metadata = new GrpcMetadata();
        foreach (KeyValuePair<string, HeaderStringValues> header in headers.NonValidated)
        {
            if (GrpcProtocol.IsReservedHeader(header.Key) || header.Key.Equals("date", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (string value in header.Value)
            {
                try
                {
                    metadata.AddFromWire(header.Key.ToLowerInvariant(), value);
                }
                catch (FormatException)
                {
                    // A -bin value that is not base64 carries nothing readable; dropping it beats failing the call.
                }
            }
        }

        return metadata;
    }

    /// <summary>The trailers, or for a trailers-only response the headers, which then hold them.</summary>
    public static GrpcMetadata ReadTrailers(HttpResponseMessage response) =>
        First(response.Headers, GrpcProtocol.StatusHeader) is not null
            ? ReadMetadata(response.Headers)
            : ReadMetadata(response.TrailingHeaders);

    public static void AddRequestHeaders(HttpRequestHeaders headers, GrpcMetadata metadata)
    {
        foreach (GrpcMetadataEntry entry in metadata)
        {
            headers.TryAddWithoutValidation(entry.Key, entry.Value);
        }
    }

    private static void ThrowIfFailed(string statusText, string? message, HttpResponseMessage response, bool trailersOnly)
    {
        if (!GrpcProtocol.TryParseStatus(statusText, out GrpcStatusCode code))
        {
            throw new GrpcStatusException(GrpcStatusCode.Unknown, $"Unrecognized grpc-status '{statusText}'.");
        }

        if (code != GrpcStatusCode.OK)
        {
            GrpcMetadata trailers = trailersOnly ? ReadMetadata(response.Headers) : ReadMetadata(response.TrailingHeaders);
            throw new GrpcStatusException(code, GrpcProtocol.DecodeMessage(message), trailers);
        }
    }

    private static string? First(HttpHeaders headers, string name) =>
        headers.NonValidated.TryGetValues(name, out HeaderStringValues values) ? values.FirstOrDefault() : null;
}
