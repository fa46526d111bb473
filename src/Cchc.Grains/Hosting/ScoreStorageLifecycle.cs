using Cchc.Storage;
using Orleans.Runtime;

namespace Cchc.Grains.Hosting;

/// <summary>
/// Brings the schema up to date before any grain runs, and closes the score store (its queued appends commit first)
/// only after every grain has been deactivated on shutdown.
/// </summary>
internal sealed class ScoreStorageLifecycle(ScoreStorage storage) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(ScoreStorageLifecycle), ServiceLifecycleStage.RuntimeInitialize,
            cancellationToken => storage.MigrateAsync(cancellationToken),
            async _ => await storage.DisposeAsync());
    }
}
