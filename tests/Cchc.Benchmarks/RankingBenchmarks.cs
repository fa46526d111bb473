using BenchmarkDotNet.Attributes;
using Cchc.Core.Ranking;

namespace Cchc.Benchmarks;

/// <summary>
/// Ranking from scratch (every commune of the country, 10,047) against keeping a province's ranking live:
/// one commune's new index upserted into Thanh Hóa's 549, then its rank read back.
/// </summary>
[MemoryDiagnoser]
public class RankingBenchmarks
{
    private RankCandidate[] _national = null!;
    private RankCandidate[] _updates = null!;
    private LiveRanking _province = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _national = CoreData.NationalCandidates();
        var province = CoreData.NationalCandidates("38");
        _province = new LiveRanking();
        foreach (var candidate in province)
        {
            _province.Upsert(candidate);
        }

        var random = new Random(3);
        _updates = [.. Enumerable.Range(0, 4096).Select(i => province[i % province.Length] with { Index = random.Next(4000, 10_000) / 100m })];
    }

    [Benchmark]
    public RankingResult RankNational10047() => Ranker.Rank(_national);

    [Benchmark]
    public RankedUnit? UpsertAndFindIn549()
    {
        var update = _updates[_next++ & 4095];
        _province.Upsert(update);
        return _province.Find(update.UnitCode);
    }
}
