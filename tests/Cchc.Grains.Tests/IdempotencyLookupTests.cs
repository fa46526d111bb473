using System.Diagnostics.Metrics;
using Cchc.Core;
using Cchc.Grains.Deadlines;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;
using Cchc.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Grains.Tests;

/// <summary>
/// A commune looks an idempotency key up in the storage only when its stream may hold it: the stream's keys are read
/// with its events and added to by the commune's own appends. Lookups are counted on the silo's storage meter.
/// </summary>
public sealed class IdempotencyLookupTests(SqliteTarget target) : IClassFixture<SqliteTarget>, IAsyncLifetime
{
    private const string Province = "48";
    private const int Year = 2024;
    private readonly UnitEdition _units = SharedData.ThreeTierProvince(Province);
    private readonly MeterListener _listener = new();
    private int _lookups;
    private CchcCluster _cluster = null!;

    private ICommuneGrain Commune => _cluster.Commune(_units.Communes.First().Code, Year);

    public async Task InitializeAsync()
    {
        _cluster = await CchcCluster.StartAsync(await target.CreateAsync());
        await _cluster.SeedAsync(_units, Year);
        var meter = _cluster.Services.GetRequiredService<ScoreStorage>().Metrics.Meter;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "cchc.storage.operation.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "operation", Value: "find_idempotent_response" })
                {
                    Interlocked.Increment(ref _lookups);
                }
            }
        });
        _listener.Start();
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Writes_with_fresh_keys_look_nothing_up_and_a_repeated_key_is_answered_from_storage()
    {
        var answers = new List<SubmitOutcome>();
        for (var i = 1; i <= 5; i++)
        {
            answers.Add(await Commune.SubmitAsync(Scores.Self(Scores.Points("3.1", 10m + i)) with { IdempotencyKey = $"lan-{i}" }));
        }

        // Before: one lookup for each of the five, every one finding nothing.
        Assert.Equal(0, Volatile.Read(ref _lookups));
        Assert.Equal([1L, 2, 3, 4, 5], answers.Select(a => a.Version));

        var again = await Commune.SubmitAsync(Scores.Self(Scores.Points("3.1", 1m)) with { IdempotencyKey = "lan-3" });

        Assert.Equal(answers[2] with { Replayed = true }, again);
        Assert.Equal(1, Volatile.Read(ref _lookups));
        Assert.Equal(5, (await Commune.GetScorecardAsync()).Version);
    }

    [Fact]
    public async Task A_key_stored_before_the_activation_is_answered_the_same_even_where_a_new_write_is_now_refused()
    {
        var first = await Commune.SubmitAsync(Scores.Self(Scores.Points("3.1", 12m)) with { IdempotencyKey = "truoc-han" });
        await _cluster.Cluster.DeactivateAsync(Commune);

        // The self-assessment window closed on 1 November; the cluster's clock reads 20 November.
        await _cluster.Grain<IDeadlineGrain>(GrainKeys.ForPeriod(Province, Period.Annual(Year))).SetAsync(
            [new WindowInput(ScoreStage.SelfAssessment, "2024-10-01T00:00:00+07:00", "2024-11-01T00:00:00+07:00")], "admin");
        var late = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            Commune.SubmitAsync(Scores.Self(Scores.Points("3.1", 14m)) with { IdempotencyKey = "sau-han" }));
        var again = await Commune.SubmitAsync(Scores.Self(Scores.Points("3.1", 14m)) with { IdempotencyKey = "truoc-han" });

        Assert.Equal(RejectionKind.FailedPrecondition, late.Kind);
        Assert.Equal(first with { Replayed = true }, again);
        Assert.Equal(1, Volatile.Read(ref _lookups));
    }

    [Fact]
    public async Task Past_256_keys_a_commune_looks_every_key_up_and_after_its_next_activation_too()
    {
        for (var i = 1; i <= StoredStream.MaxKeysRead + 1; i++)
        {
            await Commune.SubmitAsync(Scores.Self(Scores.Points("3.1", i % 20)) with { IdempotencyKey = $"lan-{i}" });
        }

        // The 257th key was checked while the commune still knew all 256 before it.
        Assert.Equal(0, Volatile.Read(ref _lookups));

        await Commune.SubmitAsync(Scores.Self(Scores.Points("3.1", 1m)) with { IdempotencyKey = "lan-258" });
        Assert.Equal(1, Volatile.Read(ref _lookups));

        await _cluster.Cluster.DeactivateAsync(Commune);
        await Commune.SubmitAsync(Scores.Self(Scores.Points("3.1", 2m)) with { IdempotencyKey = "lan-259" });
        Assert.Equal(2, Volatile.Read(ref _lookups));
        Assert.Equal(259, (await Commune.GetScorecardAsync()).Version);
    }
}
