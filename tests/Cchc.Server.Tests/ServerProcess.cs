using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Cchc.Server.Tests;

/// <summary>
/// The built cchc-server as a process of its own (its memory is its own, and it can be killed): started, awaited until
/// its banner says it serves, its output drained in the background (a full pipe would stall its logging), killed with
/// SIGKILL on dispose.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private ServerProcess(Process process) => _process = process;

    public int Id => _process.Id;

    /// <summary>
    /// Starts the server with <paramref name="arguments"/> (and <paramref name="environment"/> added), on the cores
    /// <paramref name="cpus"/> lists (taskset -c; all when null), and waits for its banner.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? cpus = null)
    {
        // taskset execs the command: the process (its id, its /proc status) is the server's own.
        string[] command = ["dotnet", TestPaths.ServerDll(), .. arguments];
        var start = new ProcessStartInfo(cpus is null ? command[0] : "taskset", cpus is null ? command[1..] : ["-c", cpus, .. command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;

        // Log lines may come before the banner; the banner says the server serves.
        var banner = await process.StandardOutput.ReadLineAsync();
        while (banner?.StartsWith("info: ", StringComparison.Ordinal) == true)
        {
            banner = await process.StandardOutput.ReadLineAsync();
        }

        if (banner?.StartsWith("cchc-server listening", StringComparison.Ordinal) != true)
        {
            // Only now: stderr ends when the process does, so reading it on success would wait forever.
            var error = await process.StandardError.ReadToEndAsync();
            process.Kill(entireProcessTree: true);
            process.Dispose();
            Assert.Fail($"The server did not start: {banner} {error}");
        }

        var server = new ServerProcess(process);
        _ = DrainAsync(process.StandardOutput, null);
        _ = DrainAsync(process.StandardError, server.KeepError);
        return server;
    }

    /// <summary>The process's resident memory (VmRSS in /proc), bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{_process.Id}/status has no VmRSS line.");
    }

    /// <summary>CPU time the process has used, user and system.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>The last lines the server wrote to stderr (its log), for a failure message.</summary>
    public string RecentErrors()
    {
        lock (_errors)
        {
            return _errors.ToString();
        }
    }

    /// <summary>SIGKILL (Process.Kill on Linux): no shutdown code runs.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public Task WaitForExitAsync() => _process.WaitForExitAsync();

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static async Task DrainAsync(StreamReader reader, Action<string>? keep)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            keep?.Invoke(line);
        }
    }

    private void KeepError(string line)
    {
        lock (_errors)
        {
            if (_errors.Length > 16_000)
            {
                _errors.Remove(0, _errors.Length - 8_000);
            }

            _errors.AppendLine(line);
        }
    }
}
