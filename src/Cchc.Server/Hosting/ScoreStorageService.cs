using System.Diagnostics.Metrics;
using Cchc.Storage;
using Microsoft.Extensions.Hosting;

namespace Cchc.Server.Hosting;

/// <summary>Opens the score storage at start and closes it at stop; see <see cref="StorageHosting"/>.</summary>
internal sealed class ScoreStorageService(ServerOptions options, IMeterFactory meterFactory) : IHostedService, IAsyncDisposable
{
    private IScoreStorage? _storage;

    /// <exception cref="InvalidOperationException">The host has not started.</exception>
    public IScoreStorage Storage => _storage ?? throw new InvalidOperationException("The storage opens when the host starts.");

    public string Description { get; } = StorageHosting.Describe(options).Description;

    /// <exception cref="ServerStartException">The storage cannot be opened.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (storageOptions, description) = StorageHosting.Describe(options);
        try
        {
            _storage = await ScoreStorageFactory.OpenAsync(storageOptions with { MeterFactory = meterFactory }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ServerStartException($"cannot open the storage ({description}): {ServerStartException.OneLine(e)}", e);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        var storage = Interlocked.Exchange(ref _storage, null);
        if (storage is not null)
        {
            await storage.DisposeAsync();
        }
    }
}
