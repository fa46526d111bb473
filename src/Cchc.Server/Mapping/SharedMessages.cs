using System.Runtime.CompilerServices;
using Cchc.Api.V1;
using Cchc.Grains.Ranking;

namespace Cchc.Server.Mapping;

/// <summary>
/// The API form of each live update, mapped once and shared by every watcher of it: the silo's ranking hub hands all
/// watchers of a ranking the same update object, and a thousand watchers would otherwise map it a thousand times.
/// </summary>
/// <remarks>
/// Bound: an entry lives only as long as its update, which only the watchers' bounded buffers and the call writing it
/// hold. The shared messages are never changed after mapping; protobuf serializes them from several calls at once.
/// </remarks>
internal sealed class SharedUpdates
{
    private readonly ConditionalWeakTable<RankingFeedUpdate, RankingUpdate> _mapped = [];

    public RankingUpdate Of(RankingFeedUpdate update) => _mapped.GetValue(update, RankingMapper.ToUpdate);
}
