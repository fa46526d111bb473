using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using Cchc.Testing;
using Grpc.Core;

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
    [InlineData("--metrics-listen", "127.0.0.1:5000", "--metrics-listen 127.0.0.1:5000 uses the gRPC port 5000; give /metrics a port of its own")]
    [InlineData("--silo-port", "5000", "--silo-port 5000 is also the --listen port")]
    [InlineData("--auth-key", "c2hvcnQ=", "--auth-key: Auth:SigningKeys[0] is 5 bytes; an HMAC-SHA256 key must be at least 32 random bytes")]
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
        // A data directory of its own: the default ./data of the working directory may be anyone's (and warned about).
        var (exit, _, stderr) = await RunAsync("--listen", $"127.0.0.1:{LoopbackPort.Free()}", "--postgres", $"Host=127.0.0.1;Port={port};Username=cchc;Database=cchc;Timeout=5", "--data-dir", TempDir());
        Assert.Equal(1, exit);
        Assert.Contains("cannot open the storage (PostgreSQL 127.0.0.1/cchc)", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_taken_silo_port_exits_1_naming_it()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (exit, _, stderr) = await RunAsync("--listen", $"127.0.0.1:{LoopbackPort.Free()}", "--silo-port", $"{port}", "--data-dir", TempDir(), "--metrics-listen", "off");
        Assert.Equal(1, exit);
        Assert.Contains($"cannot listen on 127.0.0.1:{port} (the silo port; --silo-port chooses another)", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [UnsupportedOSPlatform("windows")]
    [Fact]
    public async Task It_serves_from_environment_settings_and_stops_gracefully_on_sigterm()
    {
        var port = LoopbackPort.Free();
        var dataDir = TempDir();
        var start = Start([], new Dictionary<string, string> { ["CCHC_LISTEN"] = $"127.0.0.1:{port}", ["CCHC_DATA_DIR"] = dataDir, ["CCHC_METRICS_LISTEN"] = "127.0.0.1:0" });
        using var process = Process.Start(start)!;
        var banner = await process.StandardOutput.ReadLineAsync();
        Assert.Equal($"cchc-server listening on http://127.0.0.1:{port} (h2c), storing in SQLite {Path.Combine(dataDir, "cchc.db")}", banner);

        // No key configured: the server made its own in the data directory and printed a development token.
        var notice = await ReadLineContainingAsync(process, "Development token");
        Assert.Contains($"cchc token --data-dir {dataDir}", notice, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dataDir, Cchc.Security.Tokens.SigningKeyFile.FileName)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dataDir));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dataDir, Cchc.Security.Tokens.SigningKeyFile.FileName)));
        var token = notice[(notice.LastIndexOf(' ') + 1)..];
        using (var client = new ApiClient(new Uri($"http://127.0.0.1:{port}/")))
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => client.Registry.ListUnitsAsync(new Api.V1.ListUnitsRequest { Year = 2024 }).ResponseAsync);
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
            var units = await client.Registry.ListUnitsAsync(new Api.V1.ListUnitsRequest { Year = 2024 }, TestTokens.Bearer(token)).ResponseAsync;
            Assert.Empty(units.Units);

            // The printed token reads everything and writes nothing.
            var write = await Assert.ThrowsAsync<RpcException>(() => client.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest("98", 2024), TestTokens.Bearer(token)).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, write.StatusCode);

            // Tokens issued from the data directory's key, as `cchc token --data-dir` does, are accepted too.
            var key = Cchc.Security.Tokens.SigningKeyFile.LoadOrCreate(dataDir, out var created);
            Assert.False(created);
            var admin = new TestTokens(key).As(TestTokens.ProvinceAdmin("98"));
            var put = await client.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest("98", 2024), admin).ResponseAsync;
            Assert.Equal(SeasonFramework.Leaves().Count(), put.LeafCount);
        }

        Assert.Equal(0, Signals.Kill(process.Id));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("cchc-server stopped", await process.StandardOutput.ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insecure_no_auth_serves_without_tokens_and_warns_at_start()
    {
        var port = LoopbackPort.Free();
        using var process = Process.Start(Start(["--listen", $"127.0.0.1:{port}", "--data-dir", TempDir(), "--metrics-listen", "127.0.0.1:0", "--insecure-no-auth"]))!;
        var seen = new List<string>();
        await ReadLineContainingAsync(process, "cchc-server listening", seen);
        using (var client = new ApiClient(new Uri($"http://127.0.0.1:{port}/")))
        {
            var put = await client.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest("98", 2024)).ResponseAsync;
            Assert.Equal(SeasonFramework.Leaves().Count(), put.LeafCount);
        }

        Assert.Equal(0, Signals.Kill(process.Id));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var printed = string.Join('\n', seen) + await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        Assert.Contains("AUTHENTICATION IS OFF (--insecure-no-auth)", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("Development token", printed, StringComparison.Ordinal);
    }

    [UnsupportedOSPlatform("windows")]
    [Fact]
    public async Task A_signing_key_file_open_to_others_stops_the_start_with_the_command_that_fixes_it()
    {
        var dataDir = TempDir();
        var key = Cchc.Security.Tokens.SigningKeyFile.LoadOrCreate(dataDir, out _);
        var path = Path.Combine(dataDir, Cchc.Security.Tokens.SigningKeyFile.FileName);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var (exit, _, stderr) = await RunAsync("--listen", $"127.0.0.1:{LoopbackPort.Free()}", "--data-dir", dataDir, "--metrics-listen", "off");

        Assert.Equal(1, exit);
        Assert.Equal(
            $"cchc-server: cannot use the signing key in {dataDir}: The signing key file {path} is open to other users (mode 0644): " +
            $"whoever reads it can sign tokens for any role. Make it private with `chmod 600 {path}` (and replace the key if others may have read it), then start again.",
            stderr.Trim());
        Assert.Equal(key, File.ReadAllText(path).Trim());
    }

    [UnsupportedOSPlatform("windows")]
    [Fact]
    public async Task On_a_non_loopback_address_no_development_token_is_printed_and_the_line_says_why()
    {
        var port = LoopbackPort.Free();
        var dataDir = TempDir();

        // A data directory made beforehand with the usual umask (0755) starts, with a warning.
        Directory.CreateDirectory(dataDir);
        File.SetUnixFileMode(dataDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        using var process = Process.Start(Start(["--listen", $"0.0.0.0:{port}", "--data-dir", dataDir, "--metrics-listen", "off"]))!;
        var seen = new List<string>();
        var notice = await ReadLineContainingAsync(process, "no development token is printed", seen);
        Assert.Contains($"because 0.0.0.0:{port} is not a loopback address", notice, StringComparison.Ordinal);
        Assert.Contains($"cchc token --data-dir {dataDir}", notice, StringComparison.Ordinal);

        Assert.Equal(0, Signals.Kill(process.Id));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var printed = string.Join('\n', seen) + await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        Assert.DoesNotContain("Development token", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", printed, StringComparison.Ordinal);
        Assert.Contains("which is not loopback, over cleartext HTTP/2", printed, StringComparison.Ordinal);
        Assert.Contains($"The data directory {dataDir} is open to other users (mode 0755)", printed, StringComparison.Ordinal);
        Assert.Contains($"`chmod 700 {dataDir}`", printed, StringComparison.Ordinal);
        Assert.Equal(0, process.ExitCode);
    }

    // Log lines may come before or between the server's own lines: look for the one wanted.
    private static async Task<string> ReadLineContainingAsync(Process process, string text, List<string>? seen = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            seen?.Add(line);
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }

        throw new InvalidOperationException($"The server ended without printing a line with '{text}'.");
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
