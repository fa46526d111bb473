using System.Buffers;
using Cchc.Api.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Cchc.Server.Mapping;

/// <summary>
/// Writes a live watch's messages from the bytes <see cref="SharedMessages"/> encoded once per update and snapshot,
/// instead of letting protobuf size and encode each shared update again for every watcher it goes to. A message
/// holding anything <see cref="SharedMessages"/> did not encode goes through the generated serializer, as every other
/// method's do. The bytes are the ones protobuf writes: a message field is its tag, its length and the message's
/// own bytes, and a oneof writes only its one case.
/// </summary>
/// <remarks>
/// At a thousand watchers, protobuf's sizing and encoding of the watch's messages was 17 % of the server's CPU samples
/// (<c>deploy/bench/README.md</c>).
/// </remarks>
internal static class WatchResponseMarshaller
{
    // Field numbers of ranking.proto: WatchRankingResponse's oneof event, and RankingUpdates' updates.
    private const int SnapshotField = 1;
    private const int UpdateField = 2;
    private const int UpdatesField = 3;
    private const int UpdatesItemField = 1;
    private const int WireTypeLengthDelimited = 2;

    // Every field here is numbered below 16: its tag is one byte.
    private const int TagSize = 1;

    public static Marshaller<WatchRankingResponse> Create(Marshaller<WatchRankingResponse> generated, SharedMessages shared)
    {
        ArgumentNullException.ThrowIfNull(generated);
        ArgumentNullException.ThrowIfNull(shared);
        return new Marshaller<WatchRankingResponse>(
            (message, context) =>
            {
                if (!TryWriteShared(message, shared, context))
                {
                    generated.ContextualSerializer(message, context);
                }
            },
            generated.ContextualDeserializer);
    }

    /// <summary>
    /// The message's bytes, written from the shared bytes of what it holds (as <see cref="Create"/>'s marshaller writes
    /// it); null when it holds anything <see cref="SharedMessages"/> did not encode.
    /// </summary>
    public static byte[]? Encode(WatchRankingResponse message, SharedMessages shared)
    {
        var buffer = new BufferSerializationContext();
        return TryWriteShared(message, shared, buffer) ? buffer.Written : null;
    }

    private static bool TryWriteShared(WatchRankingResponse message, SharedMessages shared, SerializationContext context)
    {
        if (shared.TryGetEncoded(message, out var whole))
        {
            context.Complete(whole);
            return true;
        }

        switch (message.EventCase)
        {
            case WatchRankingResponse.EventOneofCase.Snapshot when shared.TryGetEncoded(message.Snapshot, out var snapshot):
                WriteOne(context, SnapshotField, snapshot);
                return true;
            case WatchRankingResponse.EventOneofCase.Update when shared.TryGetEncoded(message.Update, out var update):
                WriteOne(context, UpdateField, update);
                return true;
            case WatchRankingResponse.EventOneofCase.Updates:
                return TryWriteBatch(message.Updates, shared, context);
            default:
                return false;
        }
    }

    private static void WriteOne(SerializationContext context, int field, byte[] bytes)
    {
        context.SetPayloadLength(FieldSize(bytes.Length));
        var writer = context.GetBufferWriter();
        WriteHeader(writer, field, bytes.Length);
        writer.Write(bytes);
        context.Complete();
    }

    private static bool TryWriteBatch(RankingUpdates batch, SharedMessages shared, SerializationContext context)
    {
        var parts = ArrayPool<byte[]>.Shared.Rent(batch.Updates.Count);
        try
        {
            var inner = 0;
            for (var i = 0; i < batch.Updates.Count; i++)
            {
                if (!shared.TryGetEncoded(batch.Updates[i], out parts[i]!))
                {
                    return false;
                }

                inner += FieldSize(parts[i].Length);
            }

            context.SetPayloadLength(FieldSize(inner));
            var writer = context.GetBufferWriter();
            WriteHeader(writer, UpdatesField, inner);
            for (var i = 0; i < batch.Updates.Count; i++)
            {
                WriteHeader(writer, UpdatesItemField, parts[i].Length);
                writer.Write(parts[i]);
            }

            context.Complete();
            return true;
        }
        finally
        {
            ArrayPool<byte[]>.Shared.Return(parts, clearArray: true);
        }
    }

    private static int FieldSize(int length) => TagSize + CodedOutputStream.ComputeLengthSize(length) + length;

    /// <summary>A length-delimited field's tag and its length as a varint.</summary>
    private static void WriteHeader(IBufferWriter<byte> writer, int field, int length)
    {
        Span<byte> header = stackalloc byte[TagSize + 5];
        header[0] = (byte)((field << 3) | WireTypeLengthDelimited);
        var size = 1;
        var value = (uint)length;
        while (value >= 0x80)
        {
            header[size++] = (byte)(value | 0x80);
            value >>= 7;
        }

        header[size++] = (byte)value;
        writer.Write(header[..size]);
    }
}
