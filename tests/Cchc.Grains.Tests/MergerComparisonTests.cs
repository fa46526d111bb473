using Cchc.Grains.Comparison;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Units;

namespace Cchc.Grains.Tests;

/// <summary>
/// CompareYears across the 1 July 2025 merger on real units: Thành phố Đà Nẵng (48) of 2025 was formed from the old
/// Đà Nẵng (48) and Quảng Nam (49). Only old Đà Nẵng had a framework for 2024: communes formed from Quảng Nam's come
/// back without 2024 figures and say why; the others' 2024 figures are formed from their predecessors.
/// </summary>
public sealed class MergerComparisonTests(SqliteTarget target) : IClassFixture<SqliteTarget>, IAsyncLifetime
{
    private readonly UnitEdition _oldDaNang = SharedData.ThreeTierProvince("48");
    private readonly UnitEdition _quangNam = SharedData.ThreeTierProvince("49");
    private readonly UnitEdition _daNang2025 = SharedData.TwoTierProvince("48");
    private CchcCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await CchcCluster.StartAsync(await target.CreateAsync());
        await _cluster.SeedAsync(_oldDaNang, 2024);
        await _cluster.Grain<IUnitRegistryGrain>("49").ImportAsync(_quangNam); // no 2024 framework for Quảng Nam
        await _cluster.SeedAsync(_daNang2025, 2025);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Communes_from_an_old_province_without_a_framework_come_back_empty_with_a_reason_and_the_others_formed_from_their_predecessors()
    {
        var oldDaNang = _oldDaNang.Communes.Select(c => c.Code).ToHashSet();
        var oldQuangNam = _quangNam.Communes.Select(c => c.Code).ToHashSet();
        var fromDaNang = _daNang2025.Communes.First(c => c.Predecessors.All(p => oldDaNang.Contains(p.Code)) && c.Predecessors.Count(p => !p.Partial) >= 2);
        var other = _daNang2025.Communes.First(c => c.Code != fromDaNang.Code && c.Predecessors.Any(p => !p.Partial && oldDaNang.Contains(p.Code)) &&
            !c.Predecessors.Any(p => fromDaNang.Predecessors.Any(q => q.Code == p.Code)));
        var fromQuangNam = _daNang2025.Communes.First(c => c.Predecessors.All(p => oldQuangNam.Contains(p.Code)));
        var (first, second) = (fromDaNang.Predecessors.Where(p => !p.Partial).ElementAt(0), fromDaNang.Predecessors.Where(p => !p.Partial).ElementAt(1));
        var otherOld = other.Predecessors.First(p => !p.Partial && oldDaNang.Contains(p.Code));

        // 2024 (of 80 points evaluated): two full predecessors of one new commune 20 (25.00) and 10 (12.50), so its
        // figure is (25.00 + 12.50) / 2 = 18.75; the other new commune's predecessor 18 (22.50) gives 22.50.
        await _cluster.Commune(first.Code, 2024).SubmitAsync(Scores.Self(Scores.Points("3.1", 20m)));
        await _cluster.Commune(second.Code, 2024).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.Commune(otherOld.Code, 2024).SubmitAsync(Scores.Self(Scores.Points("3.1", 18m)));

        // 2025: 16 (20.00), 15 (18.75) for the Quảng Nam-formed one, 5 (6.25).
        await _cluster.Commune(fromDaNang.Code, 2025).SubmitAsync(Scores.Self(Scores.Points("3.1", 16m)));
        await _cluster.Commune(fromQuangNam.Code, 2025).SubmitAsync(Scores.Self(Scores.Points("3.1", 15m)));
        await _cluster.Commune(other.Code, 2025).SubmitAsync(Scores.Self(Scores.Points("3.1", 5m)));
        await _cluster.WaitForRankingAsync("48", 2025, 3);
        await _cluster.WaitForRankingAsync("48", 2024, 3);

        var comparison = await _cluster.Grain<IComparisonGrain>("48").CompareYearsAsync(2024, 2025, null);

        Assert.Equal(_daNang2025.Communes.Count(), comparison.Units.Count);
        Assert.Equal([fromDaNang.Code, fromQuangNam.Code, other.Code], comparison.Units.Take(3).Select(u => u.UnitCode)); // 2025 ranking order

        // Formed 2024 figures: the other commune 22.50 ranks 1st, this one 18.75 2nd, of the 2 with a formed figure.
        var filled = comparison.Units.Single(u => u.UnitCode == fromDaNang.Code);
        Assert.Null(filled.MissingReason);
        Assert.Equal([first.Code, second.Code], filled.ComparedWithCodes.Take(2));
        Assert.Equal(fromDaNang.Predecessors.Select(p => p.Code).Order(), filled.ComparedWithCodes.Order());
        Assert.Equal(((25.00m + 12.50m) / 2, 20.00m, 20.00m - 18.75m, 2, 1, 1, "tăng 1 bậc", 2, 3), (filled.Overall.IndexA, filled.Overall.IndexB,
            filled.Overall.IndexChange, filled.Overall.RankA, filled.Overall.RankB, filled.Overall.Places, filled.Overall.Phrase, filled.Overall.UnitCountA, filled.Overall.UnitCountB));
        Assert.Equal("Yếu", filled.Overall.ClassA);
        Assert.Equal([first.Code, second.Code], filled.Predecessors.Where(p => p.Contributed).Select(p => p.Code));
        Assert.Equal((25.00m, 1, 3), filled.Predecessors.Where(p => p.Code == first.Code).Select(p => (p.IndexA!.Value, p.RankA!.Value, p.UnitCountA!.Value)).Single()); // its own rank in old Đà Nẵng
        var otherRow = comparison.Units.Single(u => u.UnitCode == other.Code);
        Assert.Equal((22.50m, 1, 2), (otherRow.Overall.IndexA, otherRow.Overall.RankA, otherRow.Overall.UnitCountA));

        var empty = comparison.Units.Single(u => u.UnitCode == fromQuangNam.Code);
        Assert.Equal((null, 18.75m, null), (empty.Overall.IndexA, empty.Overall.IndexB, empty.Overall.IndexChange));
        Assert.Contains("Province 49 has no framework for 2024", empty.MissingReason, StringComparison.Ordinal);
        Assert.Contains(fromQuangNam.Code, empty.MissingReason, StringComparison.Ordinal);
        Assert.Equal(fromQuangNam.Predecessors.Select(p => p.Code).Order(), empty.ComparedWithCodes.Order()); // looked at, none with figures
        Assert.DoesNotContain(empty.Predecessors, p => p.Contributed || p.IndexA is not null);

        Assert.All(comparison.Units.Where(u => u.Predecessors.All(p => oldQuangNam.Contains(p.Code))), u => Assert.NotNull(u.MissingReason));
        Assert.All(comparison.Units.Where(u => u.Predecessors.All(p => oldDaNang.Contains(p.Code))), u => Assert.Null(u.MissingReason));

        // One commune asked for alone still gets its place among the formed figures of the whole province.
        var one = Assert.Single((await _cluster.Grain<IComparisonGrain>("48").CompareYearsAsync(2024, 2025, fromDaNang.Code)).Units);
        Assert.Equal(filled.Overall, one.Overall);
        var notThere = await Assert.ThrowsAsync<RequestRejectedException>(() => _cluster.Grain<IComparisonGrain>("48").CompareYearsAsync(2024, 2025, "99999"));
        Assert.Equal(RejectionKind.NotFound, notThere.Kind);
    }
}
