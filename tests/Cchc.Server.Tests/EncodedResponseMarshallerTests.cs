using Cchc.Api.V1;
using Cchc.Grains.Ranking;
using Cchc.Server.Mapping;
using Google.Protobuf;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// A ranking's first page (or whole ranking) as an answer mapped and encoded once per view and written from those
/// bytes: the same object for every read of one view, byte for byte what protobuf writes, and any answer not mapped by
/// <see cref="SharedMessages"/> written by the generated serializer.
/// </summary>
public sealed class EncodedResponseMarshallerTests
{
    private static readonly Marshaller<GetRankingResponse> Generated =
        Marshallers.Create((GetRankingResponse m) => m.ToByteArray(), GetRankingResponse.Parser.ParseFrom);

    [Fact]
    public void A_whole_ranking_is_one_answer_per_view_written_as_protobuf_writes_it()
    {
        var shared = new SharedMessages();
        var marshaller = EncodedResponseMarshaller.Create(Generated, shared);
        var view = RankingViews.Whole(549, version: 7, published: true);

        var answer = shared.FirstPageOf(view);

        Assert.Same(answer, shared.FirstPageOf(view));
        Assert.NotSame(answer, shared.FirstPageOf(RankingViews.Whole(549, version: 7, published: true)));
        Assert.Equal(549, answer.Entries.Count);
        Assert.Equal(["26999"], answer.Unranked.Select(u => u.UnitCode));
        Assert.Equal((549, 7L, true, ""), (answer.UnitCount, answer.Version, answer.Published, answer.NextPageToken));
        var written = MarshalledBytes.Of(marshaller, answer);
        Assert.Equal(answer.ToByteArray(), written);
        Assert.Equal(answer, GetRankingResponse.Parser.ParseFrom(written));
    }

    [Fact]
    public void A_first_page_short_of_the_whole_ranking_carries_the_token_of_the_next()
    {
        var shared = new SharedMessages();
        var marshaller = EncodedResponseMarshaller.Create(Generated, shared);

        var top = shared.FirstPageOf(RankingViews.FirstPage(20, units: 549, version: 9, published: false));

        Assert.Equal((20, 549), (top.Entries.Count, top.UnitCount));
        Assert.Equal(ApiArguments.PageToken(20), top.NextPageToken);
        Assert.Equal(20, ApiArguments.PageOffset(top.NextPageToken));
        Assert.Equal(top.ToByteArray(), MarshalledBytes.Of(marshaller, top));
    }

    [Fact]
    public void A_shared_answer_goes_out_as_it_was_encoded_and_any_other_as_it_is()
    {
        var shared = new SharedMessages();
        var marshaller = EncodedResponseMarshaller.Create(Generated, shared);
        var answer = shared.FirstPageOf(RankingViews.Whole(3, version: 4, published: false));

        // The server never changes a shared answer after mapping; changing one here shows which bytes go out.
        answer.Version = 999;
        Assert.Equal(4, GetRankingResponse.Parser.ParseFrom(MarshalledBytes.Of(marshaller, answer)).Version);

        var page = RankingMapper.ToPage(RankingViews.Whole(3, version: 4, published: false), first: true);
        page.Version = 998;
        page.NextPageToken = "Mw";
        Assert.Equal(page.ToByteArray(), MarshalledBytes.Of(marshaller, page));
    }
}
