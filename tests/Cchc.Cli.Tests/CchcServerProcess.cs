using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Cchc.Testing;

namespace Cchc.Cli.Tests;

/// <summary>
/// The real cchc-server (built beside the tests) as a child process on free loopback ports, storing in SQLite
/// under a temporary data directory (or in PostgreSQL when given one), with authentication on: what a user runs before the CLI.
/// </summary>
internal sealed class CchcServerProcess : IAsyncDisposable
{
    private const string Banner = "cchc-server listening on ";
    private readonly Process _process;
    private readonly List<string> _output = [];

    private CchcServerProcess(Process process, Uri address, string dataDirectory)
    {
        _process = process;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    /// <param name="postgres">A PostgreSQL connection string to store in instead of SQLite (the data directory then holds the signing key only).</param>
    public static async Task<CchcServerProcess> StartAsync(string? postgres = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("cchc-cli-server-").FullName;
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        string[] args =
        [
            "exec", ServerDll(), "--listen", $"127.0.0.1:{port}", "--metrics-listen", $"127.0.0.1:{LoopbackPort.Free()}", "--data-dir", dataDirectory,
        ];
        if (postgres is not null)
        {
            args = [.. args, "--postgres", postgres];
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var server = new CchcServerProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"), dataDirectory);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server._process.OutputDataReceived += (_, e) => server.OnLine(e.Data, ready);
        server._process.ErrorDataReceived += (_, e) => server.OnLine(e.Data, null);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var first = await Task.WhenAny(ready.Task, server._process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != ready.Task)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"cchc-server did not start:\n{server.Output()}");
        }

        return server;
    }

    public string Output()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
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

    private static string ServerDll()
    {
        var path = Path.GetFullPath(typeof(CchcServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ServerDllPath").Value!);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing; building tests/Cchc.Cli.Tests builds it.", path);
    }
}
