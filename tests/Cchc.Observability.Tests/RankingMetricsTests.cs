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
        var slow = await service.Ranking.SubscribeAsync(null, 0);
        var brief = await service.Ranking.SubscribeAsync(null, 0);
        Assert.Contains("cchc_ranking_subscribers 2\n", service.Exporter.Scrape(), StringComparison.Ordinal);

        brief.Dispose();
        brief.Dispose();
        Assert.Contains("cchc_ranking_subscribers 1\n", service.Exporter.Scrape(), StringComparison.Ordinal);

        // One more change than the slow watcher's queue holds (1024), and it never reads.
        const int changes = 1025;
        for (var i = 0; i < changes; i++)
        {
            await service.SubmitAsync(LiveService.CommuneCodes[i % 2], 50m + (i % 100) / 10m);
        }

        await service.Ranking.GetRankingAsync(null, 0, 1);
        await service.DistrictRanking.GetRankingAsync(null, 0, 1);
        var text = service.Exporter.Scrape();

        Assert.Contains("cchc_ranking_subscribers 0\n", text, StringComparison.Ordinal);
        Assert.Contains("cchc_ranking_resyncs_total 1\n", text, StringComparison.Ordinal);
        Assert.Contains("cchc_ranking_events_offered_total 1024\n", text, StringComparison.Ordinal);
        Assert.Contains($"cchc_ranking_updates_applied_total {2 * changes}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("cchc_ranking_delivery_duration_seconds_count", text, StringComparison.Ordinal);
        await Assert.ThrowsAsync<Cchc.Grains.Ranking.RankingResyncRequiredException>(async () =>
        {
            await foreach (var change in slow.Events.ReadAllAsync())
            {
                Assert.True(change.Version > 0);
            }
        });

        slow.Dispose();
        text = service.Exporter.Scrape();
        Assert.Contains("cchc_ranking_subscribers 0\n", text, StringComparison.Ordinal);
        Assert.Contains("cchc_ranking_delivery_duration_seconds_count 1024\n", text, StringComparison.Ordinal);
    }
}
