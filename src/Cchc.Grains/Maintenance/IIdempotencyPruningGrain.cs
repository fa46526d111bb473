namespace Cchc.Grains.Maintenance;

/// <summary>
/// Deletes idempotency records older than the retention, on a durable reminder. One per cluster: every silo asks for
/// the grain of <see cref="IdempotencyPruningGrain.ClusterKey"/>, so Orleans keeps a single activation of it.
/// </summary>
public interface IIdempotencyPruningGrain : IGrainWithStringKey
{
    /// <summary>Registers the pruning reminder when it is not registered yet; a registered one keeps its schedule.</summary>
    Task EnsureReminderAsync();

    /// <summary>Prunes now (what each reminder tick does): records older than the retention, in bounded batches.</summary>
    Task<PruneResult> PruneAsync(CancellationToken cancellationToken = default);
}
