using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cchc.Observability;

/// <summary>
/// The storage's health as <see cref="StorageHealthMonitor"/> last saw it: what Grpc.AspNetCore.HealthChecks reports
/// for the server ("") and each API service. Before the monitor's first ping ends, it waits for that ping.
/// </summary>
public sealed class StorageHealthCheck(StorageHealthMonitor monitor) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (monitor.IsHealthy is null)
        {
            await monitor.CurrentCheck.WaitAsync(cancellationToken);
        }

        return monitor.IsHealthy == true
            ? HealthCheckResult.Healthy("The storage answers.")
            : HealthCheckResult.Unhealthy("The storage does not answer; calls that read or write scores fail until it is back.");
    }
}
