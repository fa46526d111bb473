using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Cchc.Cluster.Tests;

/// <summary>
/// One real cchc-server of a cluster, as a child process started from the built dll on fixed ports, so that a
/// restart comes back at the same address (the silo then retires its dead predecessor's membership row). Its output
/// is kept, each line tagged with the start it came from, for the figures and for a failure's report.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private const string Banner = "cchc-server listening on ";
    private const string ClusterBanner = "cchc-server silo ";
    private const int KeptLines = 5000;
    private const int SigTerm = 15;
    private readonly IReadOnlyList<string> _arguments;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _workingDirectory;
    private readonly Queue<(DateTime At, string Line)> _log = new();
    private Process? _process;
    private int _start;

    public SiloProcess(int index, SiloPorts ports, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        Index = index;
        Ports = ports;
        _arguments =
        [
            "exec", ServerDll(),
            "--listen", $"127.0.0.1:{ports.Grpc}",
            "--silo-port", ports.Silo.ToString(CultureInfo.InvariantCulture),
            "--gateway-port", ports.Gateway.ToString(CultureInfo.InvariantCulture),
            "--metrics-listen", "off",
            .. arguments,
        ];
        _environment = environment;
        _workingDirectory = Directory.CreateTempSubdirectory("cchc-cluster-silo-").FullName;
    }

    public int Index { get; }

    public string Name => $"server {Index} (gRPC {Ports.Grpc}, silo {Ports.Silo})";

    public SiloPorts Ports { get; }

    public Uri Address => new($"http://127.0.0.1:{Ports.Grpc}");

    public bool IsRunning => _process is { HasExited: false };

    public int Pid => _process?.Id ?? throw new InvalidOperationException($"{Name} was never started.");

    /// <summary>The line the server printed about its silo and cluster, from the latest start.</summary>
    public string? ClusterLine { get; private set; }

    /// <summary>Starts the process and waits for its "listening" banner.</summary>
    /// <returns>How long the banner took.</returns>
    public async Task<TimeSpan> StartAsync(TimeSpan deadline)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        _process?.Dispose();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = _workingDirectory,
        };
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in _environment)
        {
            start.Environment[name] = value;
        }

        var tag = $"#{Index}.{++_start}";
        ClusterLine = null;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => OnLine(tag, e.Data, ready);
        process.ErrorDataReceived += (_, e) => OnLine(tag, e.Data, null);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var timeout = new CancellationTokenSource(deadline);
        var exited = process.WaitForExitAsync(timeout.Token);
        var first = await Task.WhenAny(ready.Task, exited);
        if (first != ready.Task)
        {
            Kill();
            throw new InvalidOperationException(
                $"{Name} did not print its banner within {deadline.TotalSeconds:0} s (exit code {(process.HasExited ? process.ExitCode : "none")}):\n{Log()}");
        }

        return clock.Elapsed;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        if (IsRunning)
        {
            _process!.Kill(entireProcessTree: false);
        }
    }

    /// <summary>SIGTERM, as a service manager sends it: the server leaves the cluster gracefully.</summary>
    public void Terminate()
    {
        if (IsRunning && SysKill(_process!.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <returns>How long the process took to exit.</returns>
    /// <exception cref="TimeoutException">It was still running at the deadline.</exception>
    public async Task<TimeSpan> WaitForExitAsync(TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        if (_process is { } process)
        {
            using var timeout = new CancellationTokenSource(deadline);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} did not exit within {deadline.TotalSeconds:0} s:\n{Log()}");
            }
        }

        return clock.Elapsed;
    }

    public int? ExitCode => _process is { HasExited: true } p ? p.ExitCode : null;

    /// <summary>The last <paramref name="lines"/> lines the server printed, every start included.</summary>
    public string Log(int lines = 80)
    {
        lock (_log)
        {
            return string.Join('\n', _log.TakeLast(lines).Select(l => l.Line));
        }
    }

    /// <summary>Every kept line containing <paramref name="text"/>, each cut to 300 characters (stack traces are long).</summary>
    public IReadOnlyList<string> LinesContaining(string text)
    {
        lock (_log)
        {
            return [.. _log.Select(l => l.Line).Where(l => l.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(l => l.Length > 300 ? l[..300] + " …" : l)];
        }
    }

    /// <summary>When the first line containing <paramref name="text"/> arrived at or after <paramref name="since"/> (UTC), or null.</summary>
    public DateTime? FirstLineContaining(string text, DateTime since)
    {
        lock (_log)
        {
            return _log.Where(l => l.At >= since && l.Line.Contains(text, StringComparison.Ordinal)).Select(l => (DateTime?)l.At).FirstOrDefault();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            Kill();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // SIGKILL was sent; the kernel reaps it. Nothing else can be done from here.
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void OnLine(string tag, string? line, TaskCompletionSource? ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            // Stamped on arrival (UTC, as the tests' figures are) so that a line can be set against a kill.
            var at = DateTime.UtcNow;
            _log.Enqueue((at, $"{at:HH:mm:ss.fff} {tag} {line}"));
            if (_log.Count > KeptLines)
            {
                _log.Dequeue();
            }
        }

        if (line.StartsWith(ClusterBanner, StringComparison.Ordinal))
        {
            ClusterLine = line;
        }

        if (ready is not null && line.StartsWith(Banner, StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    private static string ServerDll()
    {
        var path = Path.GetFullPath(typeof(SiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ServerDllPath").Value!);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing; building tests/Cchc.Cluster.Tests builds it.", path);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
}
