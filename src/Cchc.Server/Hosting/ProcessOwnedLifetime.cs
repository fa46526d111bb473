using Microsoft.Extensions.Hosting;

namespace Cchc.Server.Hosting;

/// <summary>
/// A host lifetime that leaves signals alone: the command line (Program) handles SIGTERM and Ctrl+C and stops the host
/// itself, and tests running several servers in one process stop each their own way.
/// </summary>
internal sealed class ProcessOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
