using Cchc.Grains.Comparison;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Units;

namespace Cchc.Grains.Tests;

/// <summary>
/// CompareYears across the 1 July 2025 merger on real units: Thành phố Đà Nẵng (48) of 2025 was formed from the old
/// Đà Nẵng (48) and Quảng Nam (49). Only old Đà Nẵng had a framework for 2024: communes formed from Quảng Nam's come
/// back without 2024 figures and say why; the others are compared with their basis predecessor.
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
    public async Task Communes_from_an_old_province_without_a_framework_come_back_empty_with_a_reason_and_the_others_filled()
    {
        var oldDaNang = _oldDaNang.Communes.Select(c => c.Code).ToHashSet();
        var oldQuangNam = _quangNam.Communes.Select(c => c.Code).ToHashSet();
        var fromDaNang = _daNang2025.Communes.First(c => c.Predecessors.All(p => oldDaNang.Contains(p.Code)) && c.Predecessors.Any(p => !p.Partial));
        var fromQuangNam = _daNang2025.Communes.First(c => c.Predecessors.All(p => oldQuangNam.Contains(p.Code)));
        var basis = fromDaNang.Predecessors.First(p => !p.Partial); // the first whole predecessor is the basis

        // 2024: the basis commune 20 of 80 points (25.00) and another old Đà Nẵng commune 10 (12.50), so the basis ranks 1st.
        await _cluster.Commune(basis.Code, 2024).SubmitAsync(Scores.Self(Scores.Points("3.1", 20m)));
        await _cluster.Commune(_oldDaNang.Communes.First(c => c.Code != basis.Code).Code, 2024).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));

        // 2025: the Đà Nẵng-formed commune 10 (12.50), the Quảng Nam-formed one 15 (18.75).
        await _cluster.Commune(fromDaNang.Code, 2025).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.Commune(fromQuangNam.Code, 2025).SubmitAsync(Scores.Self(Scores.Points("3.1", 15m)));
        await WaitForVersionAsync("48", 2025, 2);
        await WaitForVersionAsync("48", 2024, 2);

        var comparison = await _cluster.Grain<IComparisonGrain>("48").CompareYearsAsync(2024, 2025, null);

        Assert.Equal(_daNang2025.Communes.Count(), comparison.Units.Count);
        Assert.Equal([fromQuangNam.Code, fromDaNang.Code], comparison.Units.Take(2).Select(u => u.UnitCode)); // 2025 ranking order

        var filled = comparison.Units.Single(u => u.UnitCode == fromDaNang.Code);
        Assert.Null(filled.MissingReason);
        Assert.Equal(basis.Code, filled.ComparedWithCodes[0]);
        Assert.Equal(fromDaNang.Predecessors.Select(p => p.Code).Order(), filled.ComparedWithCodes.Order());
        Assert.Equal((25.00m, 12.50m, -12.50m, 1, 2, -1, "giảm 1 bậc"), (filled.Overall.IndexA, filled.Overall.IndexB,
            filled.Overall.IndexChange, filled.Overall.RankA, filled.Overall.RankB, filled.Overall.Places, filled.Overall.Phrase));
        Assert.True(filled.Predecessors.Single(p => p.Code == basis.Code).IsBasis);

        var empty = comparison.Units.Single(u => u.UnitCode == fromQuangNam.Code);
        Assert.Equal((null, 18.75m, null), (empty.Overall.IndexA, empty.Overall.IndexB, empty.Overall.IndexChange));
        Assert.Contains("Province 49 has no framework for 2024", empty.MissingReason, StringComparison.Ordinal);
        Assert.Contains(fromQuangNam.Code, empty.MissingReason, StringComparison.Ordinal);
        Assert.Equal(fromQuangNam.Predecessors.Select(p => p.Code).Order(), empty.ComparedWithCodes.Order()); // looked at, none with figures
        Assert.DoesNotContain(empty.Predecessors, p => p.IsBasis || p.IndexA is not null);

        Assert.All(comparison.Units.Where(u => u.Predecessors.All(p => oldQuangNam.Contains(p.Code))), u => Assert.NotNull(u.MissingReason));
        Assert.All(comparison.Units.Where(u => u.Predecessors.All(p => oldDaNang.Contains(p.Code))), u => Assert.Null(u.MissingReason));

        var one = Assert.Single((await _cluster.Grain<IComparisonGrain>("48").CompareYearsAsync(2024, 2025, fromDaNang.Code)).Units);
        Assert.Equal(filled.Overall, one.Overall);
        var notThere = await Assert.ThrowsAsync<RequestRejectedException>(() => _cluster.Grain<IComparisonGrain>("48").CompareYearsAsync(2024, 2025, "99999"));
        Assert.Equal(RejectionKind.NotFound, notThere.Kind);
    }

    private async Task WaitForVersionAsync(string scope, int year, long version)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await _cluster.Ranking(scope, year).GetRankingAsync(null, 0, 0)).Version < version)
        {
            deadline.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
