using System.Buffers;
using Cchc.LoadGen.Wire;

namespace Cchc.LoadGen.Watching;

/// <summary>
/// Reads a <c>WatchRankingResponse</c> (ranking.proto) from its protobuf bytes, keeping only a snapshot's version and each
/// update's version and commune code: on the one machine the benchmark shares with the server, building every update's
/// entry, progress and totals took the client a third of its CPU and made it, not the server, the limit of the watch.
/// Every other field is skipped by its wire type.
/// </summary>
internal static class WatchEventReader
{
    // WatchRankingResponse: snapshot 1, update 2, updates 3; RankingUpdates: updates 1; RankingSnapshot and
    // RankingUpdate: version 1; RankingUpdate: unit_code 2.
    private const int SnapshotField = 1;
    private const int UpdateField = 2;
    private const int UpdatesField = 3;
    private const int ItemField = 1;
    private const int VersionField = 1;
    private const int UnitCodeField = 2;

    /// <exception cref="InvalidDataException">The bytes are not a well-formed message.</exception>
    public static WatchEvent Read(ReadOnlySequence<byte> payload) => ProtoWire.Read(payload, Read);

    /// <exception cref="InvalidDataException">The bytes are not a well-formed message.</exception>
    public static WatchEvent Read(ReadOnlySpan<byte> message)
    {
        var snapshot = false;
        var snapshotVersion = 0L;
        var updates = new List<WatchedUpdate>();
        var position = 0;
        while (position < message.Length)
        {
            var (field, wire) = ProtoWire.Tag(message, ref position);
            if (wire != ProtoWire.LengthDelimited || field is not (SnapshotField or UpdateField or UpdatesField))
            {
                ProtoWire.Skip(message, ref position, wire);
                continue;
            }

            var body = ProtoWire.ReadLengthDelimited(message, ref position);
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
            var (field, wire) = ProtoWire.Tag(body, ref position);
            if (field == ItemField && wire == ProtoWire.LengthDelimited)
            {
                updates.Add(Update(ProtoWire.ReadLengthDelimited(body, ref position)));
            }
            else
            {
                ProtoWire.Skip(body, ref position, wire);
            }
        }
    }

    private static long SnapshotVersion(ReadOnlySpan<byte> body)
    {
        var version = 0L;
        var position = 0;
        while (position < body.Length)
        {
            var (field, wire) = ProtoWire.Tag(body, ref position);
            if (field == VersionField && wire == ProtoWire.Varint)
            {
                version = (long)ProtoWire.ReadVarint(body, ref position);
            }
            else
            {
                ProtoWire.Skip(body, ref position, wire);
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
            var (field, wire) = ProtoWire.Tag(body, ref position);
            if (field == VersionField && wire == ProtoWire.Varint)
            {
                version = (long)ProtoWire.ReadVarint(body, ref position);
            }
            else if (field == UnitCodeField && wire == ProtoWire.LengthDelimited)
            {
                unit = Digits(ProtoWire.ReadLengthDelimited(body, ref position));
            }
            else
            {
                ProtoWire.Skip(body, ref position, wire);
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
}
