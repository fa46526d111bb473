using Cchc.Observability;
using Microsoft.Extensions.Hosting;

namespace Cchc.Server.Hosting;

/// <summary>Runs the storage pings from start (the first one answered before the listeners open) to stop.</summary>
internal sealed class StorageHealthMonitorService(StorageHealthMonitor monitor) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        monitor.Start();
        await monitor.CurrentCheck.WaitAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await monitor.DisposeAsync();
}
