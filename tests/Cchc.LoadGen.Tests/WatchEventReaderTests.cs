using System.Buffers;
using System.Globalization;
using Cchc.Api.V1;
using Cchc.LoadGen.Watching;
using Google.Protobuf;

namespace Cchc.LoadGen.Tests;

/// <summary>
/// The bench watchers' reading of a watch message from its bytes, against Google.Protobuf: the messages are built with
/// the generated classes and encoded by protobuf, and what the reader finds must be what those classes hold.
/// </summary>
public sealed class WatchEventReaderTests
{
    [Fact]
    public void A_snapshot_gives_its_version_and_no_updates()
    {
        var message = new WatchRankingResponse
        {
            Snapshot = new RankingSnapshot { Version = 300, Entries = { Ranked.Entry("20194", 1), Ranked.Entry("20197", 2) } },
        };

        var read = WatchEventReader.Read(message.ToByteArray());

        Assert.True(read.IsSnapshot);
        Assert.Equal(message.Snapshot.Version, read.SnapshotVersion);
        Assert.Empty(read.Updates);
    }

    [Fact]
    public void A_single_update_with_every_field_set_gives_its_version_and_commune()
    {
        var message = new WatchRankingResponse { Update = Update(1L << 40, "11083") };

        var read = WatchEventReader.Read(message.ToByteArray());

        Assert.False(read.IsSnapshot);
        Assert.Equal([new WatchedUpdate(message.Update.Version, int.Parse(message.Update.UnitCode, CultureInfo.InvariantCulture))], read.Updates);
    }

    [Fact]
    public void A_batch_gives_every_update_in_order_and_a_code_that_is_not_digits_as_minus_one()
    {
        var message = new WatchRankingResponse
        {
            Updates = new RankingUpdates { Updates = { Update(127, "20194"), Update(128, "xã-1"), Update(129, "1234567890"), Update(130, "00042") } },
        };

        var read = WatchEventReader.Read(message.ToByteArray());

        Assert.Equal([new(127, 20194), new(128, -1), new(129, -1), new(130, 42)], read.Updates);
    }

    [Fact]
    public void Fields_it_does_not_know_are_skipped_by_their_wire_type()
    {
        var message = new WatchRankingResponse { Updates = new RankingUpdates { Updates = { Update(5, "20194"), Update(6, "20197") } } };

        // Fields 12 to 15 after the event, one of each wire type a proto3 message may carry; protobuf keeps them as
        // unknown fields of the same message.
        using var extra = new MemoryStream();
        var output = new CodedOutputStream(extra);
        output.WriteTag(12, WireFormat.WireType.Varint);
        output.WriteUInt64(ulong.MaxValue);
        output.WriteTag(13, WireFormat.WireType.Fixed64);
        output.WriteFixed64(7);
        output.WriteTag(14, WireFormat.WireType.Fixed32);
        output.WriteFixed32(9);
        output.WriteTag(15, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFromUtf8("không biết"));
        output.Flush();
        byte[] bytes = [.. message.ToByteArray(), .. extra.ToArray()];
        var parsed = WatchRankingResponse.Parser.ParseFrom(bytes);
        Assert.Equal(message.Updates, parsed.Updates);

        var read = WatchEventReader.Read(bytes);

        Assert.Equal(parsed.Updates.Updates.Select(u => new WatchedUpdate(u.Version, int.Parse(u.UnitCode, CultureInfo.InvariantCulture))), read.Updates);
    }

    [Fact]
    public void A_message_split_across_segments_reads_as_the_whole()
    {
        var message = new WatchRankingResponse { Updates = new RankingUpdates { Updates = { Update(1, "20194"), Update(2, "20197"), Update(3, "11083") } } };
        var bytes = message.ToByteArray();
        var whole = WatchEventReader.Read(bytes).Updates;
        Assert.Equal(3, whole.Length);

        for (var cut = 1; cut < bytes.Length; cut++)
        {
            var split = WatchEventReader.Read(TwoSegments.Of(bytes[..cut], bytes[cut..]));
            Assert.Equal(whole, split.Updates);
        }
    }

    [Fact]
    public void A_truncated_message_is_refused_at_every_length()
    {
        var bytes = new WatchRankingResponse { Updates = new RankingUpdates { Updates = { Update(300, "20194"), Update(301, "20197") } } }.ToByteArray();

        for (var length = 1; length < bytes.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => WatchEventReader.Read(bytes.AsSpan(0, length)));
        }
    }


    private static RankingUpdate Update(long version, string code) => new()
    {
        Version = version,
        UnitCode = code,
        Entry = Ranked.Entry(code, 3),
        UnitCount = 549,
        Progress = new CommuneProgress { UnitCode = code, UnitName = "Xã Đại Sơn", RegularItems = 91, SurveyItems = 9, SelfAssessed = 91, AppraisedRound1 = 40, Explained = 2 },
        ProgressTotals = new ProgressTotals { UnitCount = 549, CommunesWithPendingExplanations = 3, PendingExplanations = 4 },
    };
}
