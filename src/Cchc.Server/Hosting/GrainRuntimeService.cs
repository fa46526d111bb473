using Cchc.Grains;
using Cchc.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cchc.Server.Hosting;

/// <summary>
/// The in-process grain runtime as a hosted service: built over the open storage and started after it; stopped
/// (every activation writes what it holds) after the listeners have drained their calls, before the storage closes.
/// </summary>
internal sealed class GrainRuntimeService(ServerOptions options, ScoreStorageService storage, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private GrainRuntime? _runtime;

    /// <exception cref="InvalidOperationException">The host has not started.</exception>
    public GrainRuntime Runtime => _runtime ?? throw new InvalidOperationException("The grain runtime starts with the host.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _runtime = new GrainRuntimeBuilder()
            .UseTimeProvider(options.TimeProvider)
            .UseLoggerFactory(loggerFactory)
            .Configure(o => o.CollectionAge = options.IdleTime)
            .AddCchcGrains(storage.Storage)
            .Build();
        await _runtime.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_runtime is not null)
        {
            await _runtime.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_runtime is not null)
        {
            await _runtime.DisposeAsync();
        }
    }
}
