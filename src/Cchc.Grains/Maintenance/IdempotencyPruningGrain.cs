using Cchc.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cchc.Grains.Maintenance;

/// <summary>
/// Keeps the idempotency table to its retention: each reminder tick deletes the records made before now minus the
/// retention, oldest first, one bounded transaction at a time. The reminder is durable (ADO.NET reminders in the same
/// database), so a restart neither loses it nor restarts its schedule.
/// </summary>
public sealed partial class IdempotencyPruningGrain(
    IScoreStorage storage,
    TimeProvider clock,
    IOptions<IdempotencyPruningOptions> options,
    ILogger<IdempotencyPruningGrain> logger) : Grain, IIdempotencyPruningGrain, IRemindable
{
    /// <summary>The one key: a cluster shares one database, so one pruner serves it.</summary>
    public const string ClusterKey = "cluster";

    /// <summary>The reminder's name, as stored in the reminder table.</summary>
    public const string ReminderName = "prune-idempotency";

    private readonly IdempotencyPruningOptions _options = options.Value;

    public async Task EnsureReminderAsync()
    {
        // Registering again would move the next tick: a cluster restarting more often than the period would never prune.
        if (await this.GetReminder(ReminderName) is null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, _options.FirstDue, _options.Period);
            LogRegistered(logger, _options.Period, _options.Retention);
        }
    }

    public async Task<PruneResult> PruneAsync(CancellationToken cancellationToken = default)
    {
        var before = clock.GetUtcNow() - _options.Retention;
        var deleted = 0;
        for (var batch = 0; batch < _options.MaxBatchesPerPass; batch++)
        {
            var count = await storage.PruneIdempotencyAsync(before, _options.BatchSize, cancellationToken);
            deleted += count;
            if (count < _options.BatchSize)
            {
                LogPruned(logger, deleted, before);
                return new PruneResult(deleted, before, false);
            }
        }

        LogPruned(logger, deleted, before);
        return new PruneResult(deleted, before, true);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await PruneAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Idempotency pruning scheduled every {Period}; records are kept {Retention}.")]
    private static partial void LogRegistered(ILogger logger, TimeSpan period, TimeSpan retention);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Deleted} idempotency records made before {Before:O}.")]
    private static partial void LogPruned(ILogger logger, int deleted, DateTimeOffset before);
}
