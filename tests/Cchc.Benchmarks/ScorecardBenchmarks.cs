using BenchmarkDotNet.Attributes;
using Cchc.Core.Frameworks;
using Cchc.Core.Scorecards;

namespace Cchc.Benchmarks;

/// <summary>One commune's whole scorecard (90 items: statistics scored, appraisal over self, survey, sums, indices).</summary>
[MemoryDiagnoser]
public class ScorecardBenchmarks
{
    private Framework _framework = null!;
    private Scorecard _card = null!;

    [GlobalSetup]
    public void Setup()
    {
        _framework = CoreData.NewFramework();
        _card = CoreData.Card(_framework);
    }

    [Benchmark]
    public ScorecardResult Compute90Items() => ScorecardCalculator.Compute(_framework, _card);
}
