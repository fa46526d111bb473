using System.Collections.Concurrent;

namespace Cchc.Grains.Ranking;

/// <summary>
/// One ranking activation's answers to reads since its last change (see <see cref="RankingBoards"/>): written by the
/// activation in its turns, read by any thread of its silo. Each answer is kept with the terms of what it rests on
/// besides the ranking itself, the framework and the previous period's places as the activation last asked for them.
/// </summary>
/// <remarks>
/// Bound: one row per member commune and ranking (overall and each field), and <see cref="MaxFirstPages"/> first pages,
/// whose sizes are the callers' choice; past that, a first page of another size is not kept and its reads call the grain.
/// </remarks>
internal sealed class RankingBoard
{
    public const int MaxFirstPages = 32;

    private readonly ConcurrentDictionary<(string Unit, string Ranking), Held<UnitRankView>> _units = new();
    private readonly ConcurrentDictionary<(string Ranking, int Count), Held<RankingView>> _firstPages = new();
    private int _firstPageCount;

    public void KeepUnit(string unitCode, string rankingKey, UnitRankView view, Terms terms) =>
        _units[(unitCode, rankingKey)] = new(view, terms);

    public void KeepFirstPage(string rankingKey, int count, RankingView view, Terms terms)
    {
        var key = (rankingKey, count);
        if (_firstPages.ContainsKey(key))
        {
            _firstPages[key] = new(view, terms);
        }
        else if (_firstPageCount < MaxFirstPages && _firstPages.TryAdd(key, new(view, terms)))
        {
            _firstPageCount++;
        }
    }

    public UnitRankView? Unit(string unitCode, string rankingKey, DateTimeOffset now, long deaths) =>
        _units.TryGetValue((unitCode, rankingKey), out var held) && held.Terms.Hold(now, deaths) ? held.Value : null;

    public RankingView? FirstPage(string rankingKey, int count, DateTimeOffset now, long deaths) =>
        _firstPages.TryGetValue((rankingKey, count), out var held) && held.Terms.Hold(now, deaths) ? held.Value : null;

    /// <summary>
    /// What an answer rests on: the framework and the previous period's places hold until <see cref="Until"/>, and while
    /// no silo has died since the read began (<see cref="Deaths"/>: a framework or a previous ranking that died with its
    /// silo sends no notice).
    /// </summary>
    public readonly record struct Terms(DateTimeOffset Until, long Deaths)
    {
        public bool Hold(DateTimeOffset now, long deaths) => now < Until && deaths == Deaths;
    }

    private readonly record struct Held<T>(T Value, Terms Terms);
}
