using System.Runtime.CompilerServices;
using Cchc.Api.V1;
using Cchc.Grains.Ranking;
using Google.Protobuf;

namespace Cchc.Server.Mapping;

/// <summary>
/// The API form of what many callers are handed as one object, mapped once and shared by all of them: the silo's
/// ranking hub hands all watchers of a ranking the same update, and a ranking grain hands every read of its whole
/// ranking or of its first page, and every watch's snapshot, the same view until it changes. A thousand watchers would
/// otherwise map each update, or a 549-entry snapshot, a thousand times. Each is also encoded once: a first page's
/// answer goes out as those bytes (<see cref="EncodedResponseMarshaller"/>), and <see cref="WatchResponseMarshaller"/>
/// copies the updates' and snapshots' bytes into every watcher's message.
/// </summary>
/// <remarks>
/// Bound: an entry lives only as long as the object it was mapped from, which only the watchers' bounded buffers, the
/// ranking grain (until its next change) and the calls writing it hold. The shared messages are never changed after
/// mapping; protobuf serializes them from several calls at once.
/// </remarks>
internal sealed class SharedMessages
{
    private readonly ConditionalWeakTable<RankingFeedUpdate, RankingUpdate> _updates = [];
    private readonly ConditionalWeakTable<RankingFeedFrame, WatchRankingResponse> _frames = [];
    private readonly ConditionalWeakTable<RankingView, RankingSnapshot> _snapshots = [];
    private readonly ConditionalWeakTable<RankingView, GetRankingResponse> _firstPages = [];
    private readonly ConditionalWeakTable<IMessage, byte[]> _encoded = [];

    // Made once: a lambda using this instance would be a new delegate on every call, one per watcher per message.
    private readonly ConditionalWeakTable<RankingFeedUpdate, RankingUpdate>.CreateValueCallback _mapUpdate;
    private readonly ConditionalWeakTable<RankingFeedFrame, WatchRankingResponse>.CreateValueCallback _mapFrame;
    private readonly ConditionalWeakTable<RankingView, RankingSnapshot>.CreateValueCallback _mapSnapshot;
    private readonly ConditionalWeakTable<RankingView, GetRankingResponse>.CreateValueCallback _mapFirstPage;

    public SharedMessages()
    {
        _mapUpdate = update => Encoded(RankingMapper.ToUpdate(update));
        _mapFrame = MapFrame;
        _mapSnapshot = view => Encoded(RankingMapper.ToSnapshot(view));
        _mapFirstPage = view => Encoded(FirstPage(view));
    }

    public RankingUpdate Of(RankingFeedUpdate update) => _updates.GetValue(update, _mapUpdate);

    /// <summary>
    /// A frame's message, encoded whole: one update in the plain <c>update</c> form, several as <c>updates</c>.
    /// </summary>
    public WatchRankingResponse FrameOf(RankingFeedFrame frame) => _frames.GetValue(frame, _mapFrame);

    public RankingSnapshot SnapshotOf(RankingView snapshot) => _snapshots.GetValue(snapshot, _mapSnapshot);

    /// <summary>The answer to a read of a ranking's first page: the whole ranking when the page holds every row.</summary>
    public GetRankingResponse FirstPageOf(RankingView view) => _firstPages.GetValue(view, _mapFirstPage);

    /// <summary>The wire bytes of a message this class mapped and shares; false for any other message.</summary>
    public bool TryGetEncoded(IMessage message, out byte[] bytes) => _encoded.TryGetValue(message, out bytes!);

    private WatchRankingResponse MapFrame(RankingFeedFrame frame)
    {
        var message = frame.Updates.Count == 1
            ? new WatchRankingResponse { Update = Of(frame.Updates[0]) }
            : new WatchRankingResponse { Updates = new RankingUpdates { Updates = { frame.Updates.Select(Of) } } };

        // From its updates' bytes, encoded once when they were mapped, rather than by protobuf all over again.
        _encoded.AddOrUpdate(message, WatchResponseMarshaller.Encode(message, this) ?? message.ToByteArray());
        return message;
    }

    private static GetRankingResponse FirstPage(RankingView view)
    {
        var page = RankingMapper.ToPage(view, first: true);
        if (view.Rows.Count < view.UnitCount)
        {
            page.NextPageToken = ApiArguments.PageToken(view.Rows.Count);
        }

        return page;
    }

    private T Encoded<T>(T message)
        where T : IMessage
    {
        _encoded.AddOrUpdate(message, message.ToByteArray());
        return message;
    }
}
