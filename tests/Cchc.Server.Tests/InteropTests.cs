using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Cchc.Server.Tests;

/// <summary>
/// Other gRPC implementations against the real server, as a black box (tests/interop): a @grpc/grpc-js client built
/// from the .proto files, buf curl knowing only what reflection tells it, and buf lint on the protos.
/// </summary>
public sealed class InteropTests(SmallProvinceFixture fixture, ITestOutputHelper output) : IClassFixture<SmallProvinceFixture>
{
    private static string Interop => Path.Combine(TestPaths.RepositoryRoot(), "tests", "interop");

    [Fact]
    public async Task A_grpc_js_client_plays_a_small_season()
    {
        Assert.True(Directory.Exists(Path.Combine(Interop, "node_modules", "@grpc", "grpc-js")),
            $"The Node interop clients are not installed: run `npm ci --prefix tests/interop` in {TestPaths.RepositoryRoot()}.");
        var (exit, printed) = await RunAsync("node", [Path.Combine(Interop, "season.js"), "--port", fixture.Server.Host.Address.Port.ToString(CultureInfo.InvariantCulture), "--key", fixture.Server.Tokens.Key], Interop);
        Assert.True(exit == 0, $"node season.js exited {exit}:\n{printed}");
        Assert.Contains(" 0 failed", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Buf_curl_works_by_reflection_alone_against_the_server()
    {
        Assert.True(File.Exists(Path.Combine(Interop, "node_modules", ".bin", "buf")),
            $"buf is not installed: run `npm ci --prefix tests/interop` in {TestPaths.RepositoryRoot()}.");
        var (exit, printed) = await RunAsync("node", [Path.Combine(Interop, "reflection.js"), "--port", fixture.Server.Host.Address.Port.ToString(CultureInfo.InvariantCulture), "--key", fixture.Server.Tokens.Key], Interop);
        Assert.True(exit == 0, $"node reflection.js exited {exit}:\n{printed}");
        Assert.Contains(" 0 failed", printed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Buf_lint_passes_on_the_protos()
    {
        var buf = Path.Combine(Interop, "node_modules", ".bin", "buf");
        Assert.True(File.Exists(buf), $"buf is not installed at {buf}: run `npm ci --prefix tests/interop`.");
        var (exit, printed) = await RunAsync(buf, ["lint"], Path.Combine(TestPaths.RepositoryRoot(), "protos"));
        Assert.True(exit == 0, $"buf lint found problems:\n{printed}");
    }

    private async Task<(int Exit, string Printed)> RunAsync(string file, string[] args, string workingDirectory)
    {
        var start = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var printed = await stdout + await stderr;
        output.WriteLine(printed);
        return (process.ExitCode, printed);
    }
}
