using System.Diagnostics;
using System.Globalization;

namespace Cchc.Server.Tests;

/// <summary>
/// For an overload measurement on a machine of two cores or more: the server process is to run on core 0 alone
/// (<see cref="ServerCpus"/>, for taskset) and this test process, the load generator, is moved off it, every thread of
/// it (taskset -a: the affinity call .NET offers moves the main thread only). Otherwise a client offering ten times
/// the server's capacity takes the CPU the server needs to refuse it, and calls expire inside the client. Disposing
/// gives this process its cores back. On one core, or without taskset, nothing is pinned.
/// </summary>
internal sealed class CorePinning : IDisposable
{
    private const string Taskset = "/usr/bin/taskset";
    private readonly string? _restore;

    private CorePinning(string? serverCpus, string? clientCpus, string? restore)
    {
        ServerCpus = serverCpus;
        ClientCpus = clientCpus;
        _restore = restore;
    }

    /// <summary>The server's cores as taskset's -c list ("0"), or null when nothing is pinned.</summary>
    public string? ServerCpus { get; }

    /// <summary>This process's cores while pinned ("1" or "1-3"), or null.</summary>
    public string? ClientCpus { get; }

    public string Description => ServerCpus is null
        ? $"server and client share the {Environment.ProcessorCount} core(s)"
        : $"server on core {ServerCpus}, client on core(s) {ClientCpus}";

    public static CorePinning Apply()
    {
        var cores = Environment.ProcessorCount;
        if (!OperatingSystem.IsLinux() || cores < 2 || !File.Exists(Taskset))
        {
            return new CorePinning(null, null, null);
        }

        var restore = Convert.ToString(Process.GetCurrentProcess().ProcessorAffinity.ToInt64(), 16);
        var clientCpus = cores == 2 ? "1" : $"1-{cores - 1}";
        Run("-a", "-p", "-c", clientCpus, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new CorePinning("0", clientCpus, restore);
    }

    public void Dispose()
    {
        if (_restore is not null)
        {
            Run("-a", "-p", _restore, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Run(params string[] arguments)
    {
        using var taskset = Process.Start(new ProcessStartInfo(Taskset, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = taskset.StandardError.ReadToEnd();
        taskset.StandardOutput.ReadToEnd();
        taskset.WaitForExit();
        Assert.True(taskset.ExitCode == 0, $"taskset {string.Join(' ', arguments)} failed: {error}");
    }
}
