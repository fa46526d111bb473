using Cchc.Core;
using Cchc.Grains.Ranking;

namespace Cchc.Observability.Tests;

/// <summary>The "Cchc.Rankings" instruments as real ranking grains and the server's ranking hub over SQLite move them.</summary>
[Collection(SharedMetersCollection.Name)]
public sealed class RankingMetricsTests
{
    [Fact]
    public async Task Watchers_are_counted_while_watching_and_one_that_falls_behind_is_resynced_and_counted_once()
    {
        await using var service = await LiveService.StartAsync();
        await service.ActivateRankingsAsync();
        var before = await service.ScrapeTextAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var slow = service.Watch(stop.Token);
        var brief = service.Watch(stop.Token);
        Assert.True(await slow.MoveNextAsync());
        Assert.True(await brief.MoveNextAsync());
        Assert.Equal(2, (await service.ScrapeTextAsync()).Value("cchc_rankings_cchc_ranking_subscribers"));

        await brief.DisposeAsync();
        Assert.Equal(1, (await service.ScrapeTextAsync()).Value("cchc_rankings_cchc_ranking_subscribers"));

        // One more change than the slow watcher's buffer holds (1024), and it does not read meanwhile.
        const int changes = 1025;
        for (var i = 0; i < changes; i++)
        {
            await service.SubmitAsync(LiveService.CommuneCodes[i % 2], 50m + (i % 100) / 10m);
        }

        // Updates are one-way calls; a call behind them in the rankings' queues waits them (and their pushes) out.
        await service.Ranking.GetRankingAsync(null, 0, 1);
        await service.DistrictRanking.GetRankingAsync(null, 0, 1);
        var text = await service.ScrapeTextAsync();
        double Delta(Scrape after, string series) => after.Value(series) - before.Value(series);

        Assert.Equal(1, text.Value("cchc_rankings_cchc_ranking_subscribers"));
        Assert.Equal(1024, Delta(text, "cchc_rankings_cchc_ranking_events_offered"));
        Assert.Equal(2 * changes, Delta(text, "cchc_rankings_cchc_ranking_updates_applied"));
        Assert.Equal(0, Delta(text, "cchc_rankings_cchc_ranking_resyncs"));
        Assert.Equal(0, Delta(text, "cchc_rankings_cchc_ranking_delivery_duration_count"));
        Assert.Equal(0, Delta(text, "cchc_rankings_cchc_ranking_events_delivered"));

        // The slow watcher's next read is a fresh snapshot at the ranking's version, not the updates it could not hold.
        Assert.True(await slow.MoveNextAsync());
        var resync = slow.Current;
        Assert.True(resync.Resync);
        Assert.Equal(changes, resync.Snapshot?.Version);
        text = await service.ScrapeTextAsync();
        Assert.Equal(1, Delta(text, "cchc_rankings_cchc_ranking_resyncs"));
        Assert.Equal(0, Delta(text, "cchc_rankings_cchc_ranking_delivery_duration_count"));

        await slow.DisposeAsync();
        Assert.Equal(0, (await service.ScrapeTextAsync()).Value("cchc_rankings_cchc_ranking_subscribers"));
    }

    [Fact]
    public async Task A_message_of_several_updates_is_timed_once_and_counts_each_of_its_updates()
    {
        await using var service = await LiveService.StartAsync();
        await service.ActivateRankingsAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var batched = service.Hub.WatchAsync(LiveService.Province, Period.Annual(LiveService.Year), null, 0,
            new FeedBatching(3, TimeSpan.FromSeconds(30)), stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await batched.MoveNextAsync());
        var before = await service.ScrapeTextAsync();

        // Three changes fill one message of three; nothing else is read meanwhile.
        for (var i = 0; i < 3; i++)
        {
            await service.SubmitAsync(LiveService.CommuneCodes[i % 2], 60m + i);
        }

        Assert.True(await batched.MoveNextAsync());
        Assert.Equal([1L, 2, 3], batched.Current.Frame!.Updates.Select(u => u.Version));
        var after = await service.ScrapeTextAsync();
        Assert.Equal(1, after.Value("cchc_rankings_cchc_ranking_delivery_duration_count") - before.Value("cchc_rankings_cchc_ranking_delivery_duration_count"));
        Assert.Equal(3, after.Value("cchc_rankings_cchc_ranking_events_delivered") - before.Value("cchc_rankings_cchc_ranking_events_delivered"));
    }
}
