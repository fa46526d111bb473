using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Cchc.Testing;

namespace Cchc.Server.Tests;

/// <summary>The built cchc-server binary as an operator runs it: bad settings and an unusable port or storage end it with one clear line.</summary>
public sealed class HostProcessTests : IDisposable
{
    private readonly List<string> _directories = [];

    public void Dispose()
    {
        foreach (var directory in _directories.Where(Directory.Exists))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("--listen", "nope", "--listen: 'nope' is not HOST:PORT")]
    [InlineData("--listen", "127.0.0.1:99999", "is not HOST:PORT")]
    [InlineData("--idle-minutes", "soon", "--idle-minutes: 'soon' is not a whole number")]
    [InlineData("--frobnicate", "1", "Unknown option --frobnicate")]
    public async Task Bad_configuration_exits_2_with_a_clear_message(string flag, string value, string message)
    {
        var (exit, _, stderr) = await RunAsync(flag, value);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_port_exits_1_naming_the_address()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (exit, _, stderr) = await RunAsync("--listen", $"127.0.0.1:{port}", "--data-dir", TempDir());
        Assert.Equal(1, exit);
        Assert.Contains($"cannot listen on 127.0.0.1:{port}", stderr, StringComparison.Ordinal);
        Assert.Contains("address already in use", stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Unreachable_storage_exits_1()
    {
        var port = LoopbackPort.Free();
        var (exit, _, stderr) = await RunAsync("--listen", $"127.0.0.1:{LoopbackPort.Free()}", "--postgres", $"Host=127.0.0.1;Port={port};Username=cchc;Database=cchc;Timeout=5");
        Assert.Equal(1, exit);
        Assert.Contains("cannot open the storage (PostgreSQL 127.0.0.1/cchc)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_serves_from_environment_settings_and_stops_gracefully_on_sigterm()
    {
        var port = LoopbackPort.Free();
        var dataDir = TempDir();
        var start = Start([], new Dictionary<string, string> { ["CCHC_LISTEN"] = $"127.0.0.1:{port}", ["CCHC_DATA_DIR"] = dataDir });
        using var process = Process.Start(start)!;
        var banner = await process.StandardOutput.ReadLineAsync();
        Assert.Equal($"cchc-server listening on http://127.0.0.1:{port} (h2c), storing in SQLite {Path.Combine(dataDir, "cchc.db")}", banner);
        using (var client = new Grpc.Client.GrpcClient(new Uri($"http://127.0.0.1:{port}/")))
        {
            var units = await client.UnaryAsync(Rpc.ListUnits, new Api.V1.ListUnitsRequest { Year = 2024 });
            Assert.Empty(units.Units);
        }

        Assert.Equal(0, Signals.Kill(process.Id));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("cchc-server stopped", await process.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
    }

    private string TempDir()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cchc-server-host-" + Guid.NewGuid().ToString("N"));
        _directories.Add(directory);
        return directory;
    }

    private static ProcessStartInfo Start(string[] args, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", [TestPaths.ServerDll(), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        return start;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var process = Process.Start(Start(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static class Signals
    {
        // SIGTERM, as a service manager sends it.
        public static int Kill(int pid) => SysKill(pid, 15);

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int SysKill(int pid, int signal);
    }
}
