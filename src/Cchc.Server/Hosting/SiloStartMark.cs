using Microsoft.Extensions.Hosting;

namespace Cchc.Server.Hosting;

/// <summary>
/// Registered right after the silo, so it starts once the silo has: a start that fails before it was marked failed in
/// the silo (its storage or its port), one that fails after it in the listeners.
/// </summary>
internal sealed class SiloStartMark : IHostedService
{
    public bool SiloStarted { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        SiloStarted = true;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
