using System.Buffers;
using Cchc.LoadGen.Wire;

namespace Cchc.LoadGen.Reading;

/// <summary>
/// Reads the ranking entries of a <c>GetRankingResponse</c> or a <c>GetUnitRankResponse</c> (ranking.proto) from their
/// protobuf bytes, checking what a reader of a ranking relies on: each entry names its commune and has a place, and the
/// places of a page never go down. The entries' other fields, and the response's, are skipped by their wire type. On
/// the one machine the bench shares with the server, parsing a whole province's 549 entries took the client 1.3 cores
/// and left the server 0.6 (<c>deploy/bench/README.md</c>).
/// </summary>
internal static class RankingEntriesReader
{
    // GetRankingResponse: entries 1; GetUnitRankResponse: entry 1; RankingEntry: unit_code 1, competition_rank 5.
    private const int EntriesField = 1;
    private const int UnitCodeField = 1;
    private const int CompetitionRankField = 5;

    /// <exception cref="InvalidDataException">The bytes are not a well-formed message, or an entry is not a ranked one.</exception>
    public static RankingEntries Read(ReadOnlySequence<byte> payload) => ProtoWire.Read(payload, Read);

    /// <exception cref="InvalidDataException">The bytes are not a well-formed message, or an entry is not a ranked one.</exception>
    public static RankingEntries Read(ReadOnlySpan<byte> message)
    {
        var count = 0;
        var last = 0;
        var position = 0;
        while (position < message.Length)
        {
            var (field, wire) = ProtoWire.Tag(message, ref position);
            if (field != EntriesField || wire != ProtoWire.LengthDelimited)
            {
                ProtoWire.Skip(message, ref position, wire);
                continue;
            }

            var place = Place(ProtoWire.ReadLengthDelimited(message, ref position), count + 1);
            if (place < last)
            {
                throw new InvalidDataException($"Entry {count + 1} is in place {place}, after an entry in place {last}: a ranking's places never go down.");
            }

            (last, count) = (place, count + 1);
        }

        return new RankingEntries(count, last);
    }

    private static int Place(ReadOnlySpan<byte> entry, int number)
    {
        var named = false;
        var place = 0UL;
        var position = 0;
        while (position < entry.Length)
        {
            var (field, wire) = ProtoWire.Tag(entry, ref position);
            if (field == UnitCodeField && wire == ProtoWire.LengthDelimited)
            {
                named = !ProtoWire.ReadLengthDelimited(entry, ref position).IsEmpty;
            }
            else if (field == CompetitionRankField && wire == ProtoWire.Varint)
            {
                place = ProtoWire.ReadVarint(entry, ref position);
            }
            else
            {
                ProtoWire.Skip(entry, ref position, wire);
            }
        }

        // proto3 leaves a zero out: an entry without a place has none on the wire.
        return named && place is >= 1 and <= int.MaxValue
            ? (int)place
            : throw new InvalidDataException($"Entry {number} has {(named ? "no place" : "no commune code")}: not a ranked unit.");
    }
}
