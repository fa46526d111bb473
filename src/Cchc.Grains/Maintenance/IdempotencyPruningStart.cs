using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Cchc.Grains.Maintenance;

/// <summary>
/// Activates the cluster's pruning grain once the host has started (the silo active, the listeners open), so its
/// reminder is registered on a fresh database without waiting for a first request. In the background and retried: a
/// start must not wait on (or fail for) a reminder table that another silo is still loading; the reminder is registered
/// once, by whichever silo gets there. A start that fails never gets this far.
/// </summary>
internal sealed partial class IdempotencyPruningStart(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<IdempotencyPruningStart> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);
    private const int Attempts = 20;

    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;

    /// <summary>Completes once the reminder is known to be registered (tests wait on it).</summary>
    public Task Registered => _registered.Task;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(IdempotencyPruningStart), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _loop = Task.Run(() => RegisterAsync(_stop.Token), CancellationToken.None));
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<IIdempotencyPruningGrain>(IdempotencyPruningGrain.ClusterKey);
        for (var attempt = 1; attempt <= Attempts && !cancellationToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await grain.EnsureReminderAsync().WaitAsync(cancellationToken);
                _registered.TrySetResult();
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // Logged and retried: the silo serves meanwhile; another silo may register it first.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(logger, e, attempt, Attempts);
            }

            // Real time, whatever clock the grains run on: this is the silo's own upkeep.
            await Task.Delay(RetryAfter, TimeProvider.System, cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _registered.TrySetCanceled(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering the idempotency pruning reminder failed (attempt {Attempt} of {Attempts}); retrying.")]
    private static partial void LogFailed(ILogger logger, Exception exception, int attempt, int attempts);
}
