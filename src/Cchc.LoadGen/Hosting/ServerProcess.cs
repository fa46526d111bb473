using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Cchc.LoadGen.Hosting;

/// <summary>
/// A cchc-server child process on a free loopback port: started with <c>dotnet cchc-server.dll</c>, ready once
/// it prints its banner, stopped with SIGTERM (its graceful stop writes what it holds) and restartable on the
/// same storage, which is what the cold-restart scenario measures.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const string Banner = "cchc-server listening on ";
    private readonly string _serverDll;
    private readonly IReadOnlyList<string> _storageArgs;
    private readonly List<string> _output = [];
    private Process? _process;

    private ServerProcess(string serverDll, IReadOnlyList<string> storageArgs, int port, int metricsPort)
    {
        _serverDll = serverDll;
        _storageArgs = storageArgs;
        Port = port;
        MetricsPort = metricsPort;
    }

    public int Port { get; }

    public int MetricsPort { get; }

    /// <summary>The server's Prometheus endpoint, read for storage commit batch sizes.</summary>
    public Uri MetricsAddress => new($"http://127.0.0.1:{MetricsPort}/metrics");

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>When the current process was started (Stopwatch timestamp).</summary>
    public long StartedAt { get; private set; }

    /// <summary>Starts the server with SQLite in <paramref name="dataDirectory"/> or PostgreSQL at <paramref name="postgres"/>.</summary>
    public static async Task<ServerProcess> StartAsync(string serverDll, string? dataDirectory, string? postgres, CancellationToken cancellationToken)
    {
        if (!File.Exists(serverDll))
        {
            throw new BenchException($"The server {serverDll} does not exist; build it (dotnet build src/Cchc.Server -c Release) or give --server-dll.");
        }

        string[] storage = postgres is not null ? ["--postgres", postgres] : ["--data-dir", dataDirectory!];
        var server = new ServerProcess(serverDll, storage, FreePort(), FreePort());
        await server.StartAgainAsync(cancellationToken);
        return server;
    }

    /// <summary>Starts the process (again) and waits for its banner.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Authentication off: the load is many councils and communes, not one principal held to its rate limit.
        // Token checks (an HMAC per call) are therefore not in these figures.
        string[] args = ["exec", _serverDll, "--listen", $"127.0.0.1:{Port}", "--metrics-listen", $"127.0.0.1:{MetricsPort}", "--insecure-no-auth", .. _storageArgs];
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        StartedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new BenchException("dotnet could not start the server.");
        process.OutputDataReceived += (_, e) => OnLine(e.Data, ready);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, null);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        var exited = process.WaitForExitAsync(cancellationToken);
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60), cancellationToken));
        if (first != ready.Task)
        {
            throw new BenchException($"The server did not start: {Output()}");
        }
    }

    /// <summary>Sends SIGTERM and waits for the graceful stop.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_process is not { } process)
        {
            return;
        }

        if (!process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill!.WaitForExitAsync(cancellationToken);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                throw new BenchException($"The server did not stop within 60 s of SIGTERM: {Output()}");
            }
        }

        process.Dispose();
        _process = null;
    }

    public string Output()
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output.TakeLast(30));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            try
            {
                await StopAsync();
            }
            catch (BenchException)
            {
                // Killed already; disposal only cleans up.
            }
        }

        _process?.Dispose();
    }

    private void OnLine(string? line, TaskCompletionSource? ready)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (ready is not null && line.StartsWith(Banner, StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
