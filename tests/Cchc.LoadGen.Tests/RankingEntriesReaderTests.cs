using Cchc.Api.V1;
using Cchc.LoadGen.Reading;
using Google.Protobuf;

namespace Cchc.LoadGen.Tests;

/// <summary>
/// The bench's reading of a ranking answer from its bytes, against Google.Protobuf: the answers are built with the
/// generated classes and encoded by protobuf, and what the reader finds must be what those classes hold.
/// </summary>
public sealed class RankingEntriesReaderTests
{
    [Fact]
    public void A_whole_page_with_every_field_set_gives_its_entries_and_last_place()
    {
        // Ties as a ranking has them (1, 2, 2, 4), a place past 127 (two varint bytes) and every field of the page set.
        int[] places = [1, 2, 2, 4, 130];
        var page = new GetRankingResponse
        {
            Entries = { places.Select((place, i) => Ranked.Entry($"2{i:0000}", place)) },
            UnitCount = 549,
            GroupCount = 480,
            Unranked = { new UnrankedUnit { UnitCode = "29999", UnitName = "Xã Quảng Ngọc", Reason = "chưa tự đánh giá" } },
            NextPageToken = "Mjc",
            Version = 1L << 40,
            Published = true,
        };

        var read = RankingEntriesReader.Read(page.ToByteArray());

        Assert.Equal(new RankingEntries(page.Entries.Count, page.Entries[^1].CompetitionRank), read);
    }

    [Fact]
    public void A_unit_rank_gives_its_one_entry_and_a_split_answer_reads_as_the_whole()
    {
        var answer = new GetUnitRankResponse { Entry = Ranked.Entry("16279", 37), Version = 912 };
        var bytes = answer.ToByteArray();

        Assert.Equal(new RankingEntries(1, 37), RankingEntriesReader.Read(bytes));
        for (var cut = 1; cut < bytes.Length; cut++)
        {
            Assert.Equal(new RankingEntries(1, 37), RankingEntriesReader.Read(TwoSegments.Of(bytes[..cut], bytes[cut..])));
        }
    }

    [Fact]
    public void An_empty_page_has_no_entries()
    {
        var read = RankingEntriesReader.Read(new GetRankingResponse { UnitCount = 0, Version = 3 }.ToByteArray());

        Assert.Equal(new RankingEntries(0, 0), read);
    }

    [Fact]
    public void An_entry_without_a_place_or_a_commune_and_places_that_go_down_are_refused()
    {
        var noPlace = Ranked.Entry("20194", 1);
        noPlace.CompetitionRank = 0;
        var noCode = Ranked.Entry("", 1);

        GetRankingResponse[] refused =
        [
            new() { Entries = { Ranked.Entry("20194", 1), noPlace } },
            new() { Entries = { noCode } },
            new() { Entries = { Ranked.Entry("20194", 2), Ranked.Entry("20197", 1) } },
        ];

        foreach (var page in refused)
        {
            Assert.Throws<InvalidDataException>(() => RankingEntriesReader.Read(page.ToByteArray()));
        }
    }

    [Fact]
    public void A_truncated_answer_is_refused_at_every_length()
    {
        var bytes = new GetRankingResponse { Entries = { Ranked.Entry("20194", 1), Ranked.Entry("20197", 2) }, UnitCount = 2 }.ToByteArray();

        var cuts = 0;
        for (var length = 1; length < bytes.Length; length++)
        {
            // Cut inside the last field's value: a varint or a length running past the end. A cut between fields
            // leaves a shorter well-formed message, which protobuf would read too.
            if (IsWellFormed(bytes[..length]))
            {
                continue;
            }

            Assert.Throws<InvalidDataException>(() => RankingEntriesReader.Read(bytes.AsSpan(0, length)));
            cuts++;
        }

        // Only the two cuts between the entries and after the second are whole messages.
        Assert.Equal(bytes.Length - 3, cuts);
    }

    private static bool IsWellFormed(byte[] bytes)
    {
        try
        {
            GetRankingResponse.Parser.ParseFrom(bytes);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }
}
