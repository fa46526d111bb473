using System.Buffers;

namespace Cchc.LoadGen.Watching;

/// <summary>
/// Reads a <c>WatchRankingResponse</c> (ranking.proto) from its protobuf bytes, keeping only a snapshot's version and each
/// update's version and commune code: on the one machine the benchmark shares with the server, building every update's
/// entry, progress and totals took the client a third of its CPU and made it, not the server, the limit of the watch.
/// Every other field is skipped by its wire type.
/// </summary>
internal static class WatchEventReader
{
    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;

    // WatchRankingResponse: snapshot 1, update 2, updates 3; RankingUpdates: updates 1; RankingSnapshot and
    // RankingUpdate: version 1; RankingUpdate: unit_code 2.
    private const int SnapshotField = 1;
    private const int UpdateField = 2;
    private const int UpdatesField = 3;
    private const int ItemField = 1;
    private const int VersionField = 1;
    private const int UnitCodeField = 2;

    /// <exception cref="InvalidDataException">The bytes are not a well-formed message.</exception>
    public static WatchEvent Read(ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment)
        {
            return Read(payload.FirstSpan);
        }

        var length = checked((int)payload.Length);
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            payload.CopyTo(copy);
            return Read(copy.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <exception cref="InvalidDataException">The bytes are not a well-formed message.</exception>
    public static WatchEvent Read(ReadOnlySpan<byte> message)
    {
        var snapshot = false;
        var snapshotVersion = 0L;
        var updates = new List<WatchedUpdate>();
        var position = 0;
        while (position < message.Length)
        {
            var (field, wire) = Tag(message, ref position);
            if (wire != WireLengthDelimited || field is not (SnapshotField or UpdateField or UpdatesField))
            {
                Skip(message, ref position, wire);
                continue;
            }

            var body = LengthDelimited(message, ref position);
            switch (field)
            {
                case SnapshotField:
                    (snapshot, snapshotVersion) = (true, SnapshotVersion(body));
                    updates.Clear();
                    break;
                case UpdateField:
                    (snapshot, snapshotVersion) = (false, 0);
                    updates.Clear();
                    updates.Add(Update(body));
                    break;
                default:
                    (snapshot, snapshotVersion) = (false, 0);
                    updates.Clear();
                    ReadUpdates(body, updates);
                    break;
            }
        }

        return snapshot ? new WatchEvent(true, snapshotVersion, []) : new WatchEvent(false, 0, [.. updates]);
    }

    private static void ReadUpdates(ReadOnlySpan<byte> body, List<WatchedUpdate> updates)
    {
        var position = 0;
        while (position < body.Length)
        {
            var (field, wire) = Tag(body, ref position);
            if (field == ItemField && wire == WireLengthDelimited)
            {
                updates.Add(Update(LengthDelimited(body, ref position)));
            }
            else
            {
                Skip(body, ref position, wire);
            }
        }
    }

    private static long SnapshotVersion(ReadOnlySpan<byte> body)
    {
        var version = 0L;
        var position = 0;
        while (position < body.Length)
        {
            var (field, wire) = Tag(body, ref position);
            if (field == VersionField && wire == WireVarint)
            {
                version = (long)Varint(body, ref position);
            }
            else
            {
                Skip(body, ref position, wire);
            }
        }

        return version;
    }

    private static WatchedUpdate Update(ReadOnlySpan<byte> body)
    {
        var version = 0L;
        var unit = -1;
        var position = 0;
        while (position < body.Length)
        {
            var (field, wire) = Tag(body, ref position);
            if (field == VersionField && wire == WireVarint)
            {
                version = (long)Varint(body, ref position);
            }
            else if (field == UnitCodeField && wire == WireLengthDelimited)
            {
                unit = Digits(LengthDelimited(body, ref position));
            }
            else
            {
                Skip(body, ref position, wire);
            }
        }

        return new WatchedUpdate(version, unit);
    }

    /// <summary>A commune code of at most nine ASCII digits as its number; -1 for anything else.</summary>
    public static int Digits(ReadOnlySpan<byte> code)
    {
        if (code.IsEmpty || code.Length > 9)
        {
            return -1;
        }

        var value = 0;
        foreach (var b in code)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return -1;
            }

            value = (value * 10) + (b - '0');
        }

        return value;
    }

    private static (int Field, int Wire) Tag(ReadOnlySpan<byte> bytes, ref int position)
    {
        var tag = Varint(bytes, ref position);
        var field = tag >> 3;
        if (field is 0 or > 536_870_911)
        {
            throw new InvalidDataException($"Field number {field} at byte {position}: not a protobuf message.");
        }

        return ((int)field, (int)(tag & 7));
    }

    private static void Skip(ReadOnlySpan<byte> bytes, ref int position, int wire)
    {
        switch (wire)
        {
            case WireVarint:
                Varint(bytes, ref position);
                break;
            case WireFixed64:
                Advance(bytes, ref position, 8);
                break;
            case WireLengthDelimited:
                LengthDelimited(bytes, ref position);
                break;
            case WireFixed32:
                Advance(bytes, ref position, 4);
                break;
            default:
                // Groups (3, 4) are proto2's; ranking.proto has none, and 6 and 7 are not wire types.
                throw new InvalidDataException($"Wire type {wire} at byte {position}: not in a WatchRankingResponse.");
        }
    }

    private static ReadOnlySpan<byte> LengthDelimited(ReadOnlySpan<byte> bytes, ref int position)
    {
        var length = Varint(bytes, ref position);
        if (length > (ulong)(bytes.Length - position))
        {
            throw new InvalidDataException($"A field of {length} bytes at byte {position} runs past the message's end ({bytes.Length}).");
        }

        var body = bytes.Slice(position, (int)length);
        position += (int)length;
        return body;
    }

    private static void Advance(ReadOnlySpan<byte> bytes, ref int position, int count)
    {
        if (count > bytes.Length - position)
        {
            throw new InvalidDataException($"A fixed field at byte {position} runs past the message's end ({bytes.Length}).");
        }

        position += count;
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int position)
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
}
