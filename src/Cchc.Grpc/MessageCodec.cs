using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Google.Protobuf;

namespace Cchc.Grpc;

/// <summary>
/// Length-prefixed messages: a compressed-flag byte, a 4-byte big-endian length, then the protobuf bytes,
/// gzip-compressed when the flag is 1.
/// </summary>
internal static class MessageCodec
{
    /// <summary>Writes one framed message straight into the output buffer (no copy when uncompressed).</summary>
    public static void WriteFrame<T>(IBufferWriter<byte> writer, T message, int maxSize, bool gzip)
        where T : IMessage<T>
    {
        int size = message.CalculateSize();
        CheckSendSize(size, maxSize);
        if (!gzip)
        {
            Span<byte> span = writer.GetSpan(GrpcProtocol.HeaderSize + size);
            span[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)size);
            message.WriteTo(span.Slice(GrpcProtocol.HeaderSize, size));
            writer.Advance(GrpcProtocol.HeaderSize + size);
            return;
        }

        byte[] compressed = Compress(message, size);
        Span<byte> target = writer.GetSpan(GrpcProtocol.HeaderSize + compressed.Length);
        target[0] = 1;
        BinaryPrimitives.WriteUInt32BigEndian(target[1..], (uint)compressed.Length);
        compressed.CopyTo(target[GrpcProtocol.HeaderSize..]);
        writer.Advance(GrpcProtocol.HeaderSize + compressed.Length);
    }

    /// <summary>One framed message as an array: what a unary client call sends.</summary>
    public static byte[] ToFrame<T>(T message, int maxSize, bool gzip)
        where T : IMessage<T>
    {
        int size = message.CalculateSize();
        CheckSendSize(size, maxSize);
        if (gzip)
        {
            byte[] compressed = Compress(message, size);
            byte[] framed = new byte[GrpcProtocol.HeaderSize + compressed.Length];
            framed[0] = 1;
            BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)compressed.Length);
            compressed.CopyTo(framed, GrpcProtocol.HeaderSize);
            return framed;
        }

        byte[] frame = new byte[GrpcProtocol.HeaderSize + size];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)size);
        message.WriteTo(frame.AsSpan(GrpcProtocol.HeaderSize));
        return frame;
    }

    /// <summary>Reads the header at the start of a buffer holding at least five bytes.</summary>
    public static int ReadHeader(in ReadOnlySequence<byte> buffer, int maxSize, out bool compressed)
    {
        ReadOnlySpan<byte> first = buffer.FirstSpan;
        if (first.Length >= GrpcProtocol.HeaderSize)
        {
            return ReadHeader(first, maxSize, out compressed);
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.HeaderSize];
        buffer.Slice(0, GrpcProtocol.HeaderSize).CopyTo(header);
        return ReadHeader(header, maxSize, out compressed);
    }

    /// <summary>
    /// Reads a frame header. Returns the payload length; throws the status the spec asks for on a bad flag or a
    /// message over the limit, before any of it is buffered.
    /// </summary>
    public static int ReadHeader(ReadOnlySpan<byte> header, int maxSize, out bool compressed)
    {
        byte flag = header[0];
        if (flag > 1)
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, "Malformed message frame: the compressed flag must be 0 or 1.");
        }

        compressed = flag == 1;
        uint length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);
        if (length > (uint)maxSize)
        {
            throw new GrpcStatusException(
                GrpcStatusCode.ResourceExhausted,
                $"Received message larger than max ({length} vs. {maxSize}).");
        }

        return (int)length;
    }

    /// <summary>Parses one payload, decompressing it first when flagged.</summary>
    public static T Parse<T>(ReadOnlySequence<byte> payload, bool compressed, bool gzipEncoding, MessageParser<T> parser, int maxSize, string what)
        where T : IMessage<T>
    {
        if (compressed)
        {
            if (!gzipEncoding)
            {
                throw new GrpcStatusException(
                    GrpcStatusCode.Internal,
                    $"A compressed {what} arrived but the call declared no grpc-encoding.");
            }

            byte[] plain = Decompress(payload, maxSize, what, out int length);
            try
            {
                return ParseOrThrow(new ReadOnlySequence<byte>(plain, 0, length), parser, what);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(plain);
            }
        }

        return ParseOrThrow(payload, parser, what);
    }

    public static bool AcceptsGzip(string? acceptEncoding)
    {
        if (acceptEncoding is null)
        {
            return false;
        }

        foreach (Range range in acceptEncoding.AsSpan().Split(','))
        {
            if (acceptEncoding.AsSpan(range).Trim().Equals(GrpcProtocol.Gzip, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static T ParseOrThrow<T>(ReadOnlySequence<byte> payload, MessageParser<T> parser, string what)
        where T : IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            // The parser's text names offsets and types; the peer only needs to know the bytes were not a message.
            throw new GrpcStatusException(GrpcStatusCode.Internal, $"Failed to deserialize the {what}: it is not a valid protobuf message.", innerException: ex);
        }
    }

    private static void CheckSendSize(int size, int maxSize)
    {
        if (size > maxSize)
        {
            throw new GrpcStatusException(
                GrpcStatusCode.ResourceExhausted,
                $"Sending message larger than max ({size} vs. {maxSize}).");
        }
    }

    private static byte[] Compress<T>(T message, int size)
        where T : IMessage<T>
    {
        byte[] plain = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            message.WriteTo(plain.AsSpan(0, size));
            using var output = new MemoryStream(Math.Max(64, size / 2));
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(plain, 0, size);
            }

            return output.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain);
        }
    }

    private static byte[] Decompress(ReadOnlySequence<byte> payload, int maxSize, string what, out int length)
    {
        byte[] compressed = payload.ToArray();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(256, compressed.Length * 4));
        length = 0;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            while (true)
            {
                if (length == buffer.Length)
                {
                    // A small frame may inflate to gigabytes; stop as soon as the limit is passed.
                    if (length > maxSize)
                    {
                        throw new GrpcStatusException(
                            GrpcStatusCode.ResourceExhausted,
                            $"Received {what} larger than max once decompressed (more than {maxSize} bytes).");
                    }

                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = gzip.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }

            if (length > maxSize)
            {
                throw new GrpcStatusException(
                    GrpcStatusCode.ResourceExhausted,
                    $"Received {what} larger than max once decompressed ({length} vs. {maxSize}).");
            }

            return buffer;
        }
        catch (InvalidDataException ex)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw new GrpcStatusException(GrpcStatusCode.Internal, $"Failed to decompress the {what}: it is not valid gzip.", innerException: ex);
        }
        catch (GrpcStatusException)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
