using System.Globalization;
using Cchc.Grains.Maintenance;
using Cchc.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Cchc.Grains.Tests;

/// <summary>
/// The cluster's idempotency pruner on SQLite: registered as a durable reminder when the silo starts, and on the grains'
/// fake clock deleting exactly the records older than the retention (30 days).
/// </summary>
public sealed class IdempotencyPruningTests(SqliteTarget target) : IClassFixture<SqliteTarget>
{
    private static readonly DateTimeOffset Start = new(2024, 11, 20, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_pruner_registers_its_reminder_at_start_and_deletes_only_records_past_the_retention()
    {
        var storage = await target.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        await using var cluster = await CchcCluster.StartAsync(storage, clock);

        await cluster.Services.GetRequiredService<IdempotencyPruningStart>().Registered.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal([("idempotencypruning/cluster", "prune-idempotency", 3_600_000L)], await RemindersAsync(storage));

        // Records 40, 31, 29 and 1 days old by the time the pruner runs: the first two are past 30 days.
        var writerClock = new FakeTimeProvider(Start);
        await using (var writer = ScoreStorageFactory.Create(storage with { TimeProvider = writerClock }))
        {
            foreach (var age in new[] { 40, 31, 29, 1 })
            {
                writerClock.SetUtcNow(Start.AddDays(40 - age));
                var entry = new AuditEntry(writerClock.GetUtcNow(), "can-bo", "05914", "2024", "1.1", "SelfAssessment", null, "1", [], null, $"key-{age}");
                await writer.AppendAsync(new StreamAppend($"commune/05914/{age}", 0, [entry], new IdempotentResponse($"key-{age}", $"answer-{age}")));
            }
        }

        clock.SetUtcNow(Start.AddDays(40));
        var result = await cluster.Grain<IIdempotencyPruningGrain>(IdempotencyPruningGrain.ClusterKey).PruneAsync();

        Assert.Equal(new PruneResult(2, Start.AddDays(10), false), result);
        var kept = new List<string?>();
        foreach (var age in new[] { 40, 31, 29, 1 })
        {
            kept.Add(await cluster.Storage.FindIdempotentResponseAsync($"commune/05914/{age}", $"key-{age}"));
        }

        Assert.Equal([null, null, "answer-29", "answer-1"], kept);
    }

    private async Task<List<(string GrainId, string Name, long Period)>> RemindersAsync(StorageOptions storage)
    {
        await using var connection = await target.OpenRawAsync(storage);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id, reminder_name, period FROM orleans_reminders";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, long)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)));
        }

        return rows;
    }
}
