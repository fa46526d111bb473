using Cchc.Api.V1;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Server.Mapping;
using Google.Protobuf;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// A live watch's messages written from the bytes encoded once per shared update and snapshot: byte for byte what
/// protobuf's generated serializer writes, from the encoding made when the message was mapped, and anything not mapped
/// by <see cref="SharedMessages"/> written by the generated serializer itself.
/// </summary>
public sealed class WatchResponseMarshallerTests
{
    private static readonly Marshaller<WatchRankingResponse> Generated =
        Marshallers.Create((WatchRankingResponse m) => m.ToByteArray(), WatchRankingResponse.Parser.ParseFrom);

    [Fact]
    public void Shared_snapshots_updates_and_batches_are_written_as_protobuf_writes_them()
    {
        var shared = new SharedMessages();
        var marshaller = WatchResponseMarshaller.Create(Generated, shared);

        // 300 rows: a snapshot far past 16 KB, so its length takes three varint bytes; a batch past 127 bytes takes two.
        var snapshot = shared.SnapshotOf(RankingViews.Whole(300, version: 5, published: false));
        var updates = Enumerable.Range(1, 4).Select(v => shared.Of(Update(v, ranked: v != 3))).ToArray();
        WatchRankingResponse[] messages =
        [
            new() { Snapshot = snapshot },
            new() { Update = updates[0] },
            new() { Updates = new RankingUpdates { Updates = { updates } } },
            new() { Updates = new RankingUpdates { Updates = { updates[2] } } },
        ];

        Assert.True(snapshot.CalculateSize() > 16_384);
        foreach (var message in messages)
        {
            var written = MarshalledBytes.Of(marshaller, message);
            Assert.Equal(message.ToByteArray(), written);
            Assert.Equal(message, WatchRankingResponse.Parser.ParseFrom(written));
        }
    }

    [Fact]
    public void A_shared_message_goes_out_as_it_was_encoded_when_mapped_and_any_other_message_as_it_is()
    {
        var shared = new SharedMessages();
        var marshaller = WatchResponseMarshaller.Create(Generated, shared);
        var mapped = shared.Of(Update(7, ranked: true));
        var unitCount = mapped.UnitCount;

        // The server never changes a shared message after mapping; changing one here shows which bytes go out.
        mapped.UnitCount = 999;
        Assert.Equal(unitCount, WatchRankingResponse.Parser.ParseFrom(MarshalledBytes.Of(marshaller, new() { Update = mapped })).Update.UnitCount);

        // A message made elsewhere (or a batch holding one) is serialized by protobuf, as it is now.
        var own = RankingMapper.ToUpdate(Update(8, ranked: true));
        own.UnitCount = 998;
        WatchRankingResponse mixed = new() { Updates = new RankingUpdates { Updates = { RankingMapper.ToUpdate(Update(6, ranked: false)), own } } };
        Assert.Equal(mixed.ToByteArray(), MarshalledBytes.Of(marshaller, mixed));
        Assert.Equal(998, WatchRankingResponse.Parser.ParseFrom(MarshalledBytes.Of(marshaller, new() { Update = own })).Update.UnitCount);
    }

    [Fact]
    public void The_marshaller_knows_every_field_of_a_watch_message()
    {
        // WatchResponseMarshaller writes these field numbers itself: a field added or renumbered in ranking.proto must
        // be written there too, or it would be lost from every watch message.
        Assert.Equal(
            ["1 snapshot RankingSnapshot", "2 update RankingUpdate", "3 updates RankingUpdates"],
            WatchRankingResponse.Descriptor.Fields.InFieldNumberOrder().Select(f => $"{f.FieldNumber} {f.Name} {f.MessageType?.Name}"));
        Assert.Equal(
            ["1 updates RankingUpdate repeated"],
            RankingUpdates.Descriptor.Fields.InFieldNumberOrder().Select(f => $"{f.FieldNumber} {f.Name} {f.MessageType?.Name} {(f.IsRepeated ? "repeated" : "")}"));
    }

    private static RankingFeedUpdate Update(long version, bool ranked)
    {
        var code = (26_000 + version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new RankingFeedUpdate(version, code, ranked ? RankingViews.Row(code, (int)version) : null, 549,
            new CommuneProgressRow(code, $"Xã Đông Tiến {version}", new ProgressCounts(91, 9, 91, 40, 2, 10, 0, 1)), RankingViews.Totals());
    }
}
