using Cchc.Core;
using Cchc.Grains.Deadlines;
using Cchc.Grains.Scoring;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Cchc.Grains.Tests;

/// <summary>
/// The extension log's bound (5,000 per scope and period, the README's bounds table) reached: written through the
/// grains that would take minutes (each extension rewrites the whole log), so the log of 4,999 earlier extensions is
/// put in the grain storage first, as the grain itself would have left it.
/// </summary>
public sealed class DeadlineBoundTests(SqliteTarget target) : IClassFixture<SqliteTarget>
{
    private const string Province = "48";
    private const int Year = 2023;
    private const int Bound = 5000;
    private static readonly DateTimeOffset Opens = new(2023, 10, 1, 0, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset Closes = new(2023, 11, 1, 0, 0, 0, TimeSpan.FromHours(7));

    [Fact]
    public async Task The_extension_log_takes_its_5000th_entry_then_refuses_the_next_and_keeps_what_it_had()
    {
        var storage = await target.CreateAsync();
        await using var cluster = await CchcCluster.StartAsync(storage);
        var edition = SharedData.ThreeTierProvince(Province);
        await cluster.SeedAsync(edition, Year);
        var communes = edition.Units.Where(u => u.Level == Units.UnitLevel.Commune).Select(u => u.Code).ToList();
        var key = GrainKeys.ForPeriod(Province, Period.Annual(Year));

        var earlier = Enumerable.Range(0, Bound - 1).Select(i => new DeadlineExtension(
            communes[i % communes.Count], "Xã", ScoreStage.SelfAssessment, Closes, Closes.AddDays(1 + (i / communes.Count)),
            $"Lần gia hạn {i + 1}", "admin", Opens.AddMinutes(i))).ToList();
        var state = new DeadlineGrain.DeadlineState
        {
            Windows = [new DeadlineWindow(ScoreStage.SelfAssessment, Opens, Closes)],
            SetBy = "admin",
            SetAt = Opens,
            Extensions = earlier,
        };
        var grainStorage = cluster.Services.GetRequiredKeyedService<IGrainStorage>(CchcStorage.GrainStorageName);
        await grainStorage.WriteStateAsync("deadlines", GrainId.Create("deadline", key), new GrainState<DeadlineGrain.DeadlineState>(state));

        var grain = cluster.Grain<IDeadlineGrain>(key);
        var last = await grain.ExtendAsync(new ExtensionRequest(communes[0], ScoreStage.SelfAssessment, "2024-06-30T23:59:59+07:00", "Lần thứ 5.000", "admin"));
        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            grain.ExtendAsync(new ExtensionRequest(communes[1], ScoreStage.SelfAssessment, "2024-06-30T23:59:59+07:00", "Lần thứ 5.001", "admin")));

        Assert.Equal(RejectionKind.FailedPrecondition, refused.Kind);
        Assert.Equal($"Province {Province} has given 5000 extensions for {Year}, as many as its log keeps; change the windows instead (SetDeadlines).", refused.Message);
        var schedule = await grain.GetAsync();
        Assert.Equal(Bound, schedule.Extensions.Count);
        Assert.Equal(earlier, schedule.Extensions.Take(Bound - 1));
        Assert.Equal(last, schedule.Extensions[^1]);

        // What the grain stored, read again from the storage: the same 5,000.
        var stored = new GrainState<DeadlineGrain.DeadlineState>(new DeadlineGrain.DeadlineState());
        await grainStorage.ReadStateAsync("deadlines", GrainId.Create("deadline", key), stored);
        Assert.NotNull(stored.State);
        Assert.Equal(Bound, stored.State.Extensions.Count);
        Assert.Equal(last, stored.State.Extensions[^1]);
    }
}
