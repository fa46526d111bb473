namespace Cchc.Observability.Tests;

/// <summary>The "Cchc.Rankings" instruments as real ranking grains over SQLite move them.</summary>
[Collection(SharedMetersCollection.Name)]
public sealed class RankingMetricsTests
{
    [Fact]
    public async Task Watchers_are_counted_while_subscribed_and_one_that_falls_behind_is_cut_off_and_counted_once()
    {
        await using var service = await LiveService.StartAsync();
        await service.ActivateRankingsAsync();
        var before = await service.ScrapeTextAsync();
        var slow = await service.Ranking.SubscribeAsync(null, 0);
        var brief = await service.Ranking.SubscribeAsync(null, 0);
        Assert.Equal(2, (await service.ScrapeTextAsync()).Value("cchc_rankings_cchc_ranking_subscribers"));

        brief.Dispose();
        brief.Dispose();
        Assert.Equal(1, (await service.ScrapeTextAsync()).Value("cchc_rankings_cchc_ranking_subscribers"));

        // One more change than the slow watcher's queue holds (1024), and it never reads.
        const int changes = 1025;
        for (var i = 0; i < changes; i++)
        {
            await service.SubmitAsync(LiveService.CommuneCodes[i % 2], 50m + (i % 100) / 10m);
        }

        await service.Ranking.GetRankingAsync(null, 0, 1);
        await service.DistrictRanking.GetRankingAsync(null, 0, 1);
        var text = await service.ScrapeTextAsync();
        double Delta(Scrape after, string series) => after.Value(series) - before.Value(series);

        Assert.Equal(0, text.Value("cchc_rankings_cchc_ranking_subscribers"));
        Assert.Equal(1, Delta(text, "cchc_rankings_cchc_ranking_resyncs"));
        Assert.Equal(1024, Delta(text, "cchc_rankings_cchc_ranking_events_offered"));
        Assert.Equal(2 * changes, Delta(text, "cchc_rankings_cchc_ranking_updates_applied"));
        Assert.Equal(0, Delta(text, "cchc_rankings_cchc_ranking_delivery_duration_count"));
        await Assert.ThrowsAsync<Cchc.Grains.Ranking.RankingResyncRequiredException>(async () =>
        {
            await foreach (var change in slow.Events.ReadAllAsync())
            {
                Assert.True(change.Version > 0);
            }
        });

        slow.Dispose();
        text = await service.ScrapeTextAsync();
        Assert.Equal(0, text.Value("cchc_rankings_cchc_ranking_subscribers"));
        Assert.Equal(1024, Delta(text, "cchc_rankings_cchc_ranking_delivery_duration_count"));
    }
}
