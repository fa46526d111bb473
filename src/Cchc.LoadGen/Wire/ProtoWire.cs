using System.Buffers;

namespace Cchc.LoadGen.Wire;

/// <summary>
/// The protobuf wire format as far as the bench's readers need it: tags, varints, and skipping a field by its wire
/// type. They read the few fields a measurement needs from a message's bytes; on the one machine the bench shares with
/// the server, parsing every message whole would make the client, not the server, the limit.
/// </summary>
internal static class ProtoWire
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    public delegate T SpanReader<out T>(ReadOnlySpan<byte> message);

    /// <summary>Reads a message held in one or several segments (copied into one pooled buffer when several).</summary>
    public static T Read<T>(ReadOnlySequence<byte> payload, SpanReader<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (payload.IsSingleSegment)
        {
            return read(payload.FirstSpan);
        }

        var length = checked((int)payload.Length);
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(copy);
            return read(copy.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <exception cref="InvalidDataException">Not a tag of a protobuf message.</exception>
    public static (int Field, int Wire) Tag(ReadOnlySpan<byte> bytes, ref int position)
    {
        var tag = ReadVarint(bytes, ref position);
        var field = tag >> 3;
        if (field is 0 or > 536_870_911)
        {
            throw new InvalidDataException($"Field number {field} at byte {position}: not a protobuf message.");
        }

        return ((int)field, (int)(tag & 7));
    }

    public static void Skip(ReadOnlySpan<byte> bytes, ref int position, int wire)
    {
        switch (wire)
        {
            case Varint:
                ReadVarint(bytes, ref position);
                break;
            case Fixed64:
                Advance(bytes, ref position, 8);
                break;
            case LengthDelimited:
                ReadLengthDelimited(bytes, ref position);
                break;
            case Fixed32:
                Advance(bytes, ref position, 4);
                break;
            default:
                // Groups (3, 4) are proto2's; the cchc protos have none, and 6 and 7 are not wire types.
                throw new InvalidDataException($"Wire type {wire} at byte {position}: not in a cchc message.");
        }
    }

    public static ReadOnlySpan<byte> ReadLengthDelimited(ReadOnlySpan<byte> bytes, ref int position)
    {
        var length = ReadVarint(bytes, ref position);
        if (length > (ulong)(bytes.Length - position))
        {
            throw new InvalidDataException($"A field of {length} bytes at byte {position} runs past the message's end ({bytes.Length}).");
        }

        var body = bytes.Slice(position, (int)length);
        position += (int)length;
        return body;
    }

    public static ulong ReadVarint(ReadOnlySpan<byte> bytes, ref int position)
    {
        var value = 0UL;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= bytes.Length)
            {
                throw new InvalidDataException($"A varint at byte {position} runs past the message's end ({bytes.Length}).");
            }

            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException($"A varint longer than 10 bytes ends at byte {position}.");
    }

    private static void Advance(ReadOnlySpan<byte> bytes, ref int position, int count)
    {
        if (count > bytes.Length - position)
        {
            throw new InvalidDataException($"A fixed field at byte {position} runs past the message's end ({bytes.Length}).");
        }

        position += count;
    }
}
