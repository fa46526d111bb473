using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cchc.Grains.Tests;

/// <summary>
/// A commune's summaries reach its ranking in order even when a call is lost between silos. A dropped link between two
/// silos cannot be produced on demand in one process, so the ranking here is a recording stand-in that fails the
/// way Orleans reports a lost silo; the delivery itself is the product's.
/// </summary>
public sealed class RankingDeliveryTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task A_failed_send_is_repeated_after_a_pause_and_later_summaries_follow_in_order()
    {
        var ranking = new RecordingRanking(failures: 2);
        var delivery = new RankingDelivery(ranking, "30/2024", _clock, NullLogger.Instance);

        delivery.Send(Summary(1));
        delivery.Send(Summary(2));
        Assert.Equal([1L], ranking.Attempts);

        _clock.Advance(TimeSpan.FromMilliseconds(200)); // first pause
        Assert.Equal([1L, 1], ranking.Attempts);
        _clock.Advance(TimeSpan.FromMilliseconds(400)); // second pause, doubled
        await delivery.Drained;

        Assert.Equal([1L, 1, 1, 2], ranking.Attempts);
        Assert.Equal([1L, 2], ranking.Taken);
    }

    [Fact]
    public async Task A_summary_that_never_gets_through_is_given_up_after_the_last_attempt()
    {
        var ranking = new RecordingRanking(failures: RankingDelivery.Attempts);
        var delivery = new RankingDelivery(ranking, "30/2024", _clock, NullLogger.Instance);

        delivery.Send(Summary(1));
        delivery.Send(Summary(2));
        foreach (var pause in new[] { 200, 400, 800, 1600 })
        {
            _clock.Advance(TimeSpan.FromMilliseconds(pause));
        }

        await delivery.Drained;
        Assert.Equal(Enumerable.Repeat(1L, RankingDelivery.Attempts).Append(2), ranking.Attempts);
        Assert.Equal([2L], ranking.Taken);
    }

    [Fact]
    public async Task When_more_wait_than_the_bound_the_oldest_are_dropped_and_the_newest_still_arrive()
    {
        var ranking = new RecordingRanking(failures: 1);
        var delivery = new RankingDelivery(ranking, "30/2024", _clock, NullLogger.Instance);

        for (var version = 1; version <= RankingDelivery.Capacity + 10; version++)
        {
            delivery.Send(Summary(version));
        }

        _clock.Advance(TimeSpan.FromMilliseconds(200));
        await delivery.Drained;

        // Version 1 was in flight (failed once, then taken); of the 73 after it, the oldest 9 were dropped to keep 64
        // waiting, so the ranking took 1, then 11 to 74 in order.
        Assert.Equal(Enumerable.Range(11, RankingDelivery.Capacity).Select(v => (long)v).Prepend(1), ranking.Taken);
    }

    private static CommuneSummary Summary(long version) =>
        new("11116", "Xã Quang Khải", version, 80m + version, false, new Dictionary<string, decimal?>(), 1);

    /// <summary>Fails its first sends as a lost silo does, then records what it takes.</summary>
    private sealed class RecordingRanking(int failures) : IRankingGrain
    {
        private int _failures = failures;

        public List<long> Attempts { get; } = [];

        public List<long> Taken { get; } = [];

        public Task UpdateAsync(CommuneSummary summary)
        {
            Attempts.Add(summary.Version);
            if (_failures-- > 0)
            {
                return Task.FromException(new SiloUnavailableException("the ranking's silo is gone"));
            }

            Taken.Add(summary.Version);
            return Task.CompletedTask;
        }

        public Task<RankingView> GetRankingAsync(string? fieldCode, int offset, int count, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<FirstPageRead> ReadFirstPageAsync(string? fieldCode, int count, Guid held, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<UnitRankView> GetUnitRankAsync(string unitCode, string? fieldCode, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<RankingCandidate>> GetCandidatesAsync(string? fieldCode, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Standings> GetStandingsAsync(string? fieldCode, IRankingGrain? reader, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task OnPreviousChangedAsync() => throw new NotSupportedException();

        public Task<PublicationResult> PublishAsync(string principal, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ProgressView> GetProgressAsync(string? communeCode, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<RankingFeedStart> GetFeedStartAsync(string? fieldCode, long resumeAfterVersion, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<RankingSubscription> SubscribeAsync(IRankingObserver observer, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task UnsubscribeAsync(IRankingObserver observer, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task OnFrameworkChangedAsync(string frameworkKey) => throw new NotSupportedException();

        public Task OnFrameworkLeavingAsync(string frameworkKey) => throw new NotSupportedException();
    }
}
