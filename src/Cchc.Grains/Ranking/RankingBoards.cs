using System.Collections.Concurrent;
using Cchc.Grains.Frameworks;

namespace Cchc.Grains.Ranking;

/// <summary>
/// The boards of this silo's ranking activations (<see cref="RankingBoard"/>). A read of one unit's place, or of a
/// first page, whose ranking is active on this silo and gave the same answer since its last change is answered from
/// the board, without a grain call; any other read calls the grain, which keeps its answer on its board. Under h2load
/// a unit read ran at about 46,000 a second through the grain call and 74,000 without it: Orleans' messaging and
/// scheduling cost more than the read.
/// </summary>
/// <remarks>
/// Never staler than the grain would answer: the activation closes its board, in the same turn, whenever what a read
/// shows may change (a change applied, a rebuild, a notice from its framework or from the previous period's ranking, a
/// publication, its deactivation), and an answer holds only within the terms of the framework and previous places it
/// was read with (<see cref="RankingBoard.Terms"/>). Reads on other silos of a cluster call the grain as before.
/// Bound: one board per ranking activation on this silo, closed when it deactivates.
/// </remarks>
public sealed class RankingBoards(IGrainFactory grains, FirstPageCopies copies, FrameworkWatches watches, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, RankingBoard> _boards = new(StringComparer.Ordinal);

    /// <summary>Boards open on this silo now.</summary>
    public int Count => _boards.Count;

    /// <summary>As <see cref="IRankingGrain.GetUnitRankAsync"/> of the ranking grain keyed <paramref name="rankingKey"/>.</summary>
    public ValueTask<UnitRankView> GetUnitRankAsync(string rankingKey, string unitCode, string? fieldCode, CancellationToken cancellationToken = default) =>
        _boards.TryGetValue(rankingKey, out var board) &&
        board.Unit(unitCode, fieldCode ?? RankingGrain.Overall, clock.GetUtcNow(), watches.Deaths) is { } view
            ? new(view)
            : new(grains.GetGrain<IRankingGrain>(rankingKey).GetUnitRankAsync(unitCode, fieldCode, cancellationToken));

    /// <summary>As <see cref="FirstPageCopies.ReadAsync"/> of the ranking grain keyed <paramref name="rankingKey"/>.</summary>
    public ValueTask<RankingView> ReadFirstPageAsync(string rankingKey, string? fieldCode, int count, CancellationToken cancellationToken = default) =>
        _boards.TryGetValue(rankingKey, out var board) &&
        board.FirstPage(fieldCode ?? RankingGrain.Overall, count, clock.GetUtcNow(), watches.Deaths) is { } view
            ? new(view)
            : new(copies.ReadAsync(grains.GetGrain<IRankingGrain>(rankingKey), fieldCode, count, cancellationToken));

    /// <summary>Opens a board for the activation of <paramref name="rankingKey"/> on this silo, in place of any other.</summary>
    internal RankingBoard Open(string rankingKey) => _boards[rankingKey] = new RankingBoard();

    /// <summary>Closes <paramref name="board"/>, unless another has taken its place.</summary>
    internal void Close(string rankingKey, RankingBoard board) => _boards.TryRemove(KeyValuePair.Create(rankingKey, board));
}
