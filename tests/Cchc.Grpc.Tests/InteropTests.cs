using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace Cchc.Grpc.Tests;

/// <summary>
/// Other gRPC implementations against our server: @grpc/grpc-js and buf curl (tests/interop). The scripts assert
/// every result themselves; a non-zero exit fails the test with their output.
/// </summary>
public sealed class InteropTests(EchoServerFixture fixture, ITestOutputHelper output) : IClassFixture<EchoServerFixture>
{
    [Fact]
    public Task Grpc_js_client_passes_every_check() => RunNodeAsync("echo-client.js");

    [Fact]
    public Task Buf_curl_works_by_reflection_alone() => RunNodeAsync("reflection.js");

    private async Task RunNodeAsync(string script)
    {
        string interop = Path.Combine(RepositoryRoot(), "tests", "interop");
        Assert.True(
            Directory.Exists(Path.Combine(interop, "node_modules", "@grpc", "grpc-js")) && File.Exists(Path.Combine(interop, "node_modules", ".bin", "buf")),
            $"The Node interop clients are not installed: run `npm ci --prefix tests/interop` (tests/run.sh does) in {Path.GetDirectoryName(interop)}.");

        var start = new ProcessStartInfo("node", [Path.Combine(interop, script), "--port", fixture.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = interop,
        };
        using Process node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        Task<string> stdout = node.StandardOutput.ReadToEndAsync();
        Task<string> stderr = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await node.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            throw;
        }

        string printed = await stdout + await stderr;
        output.WriteLine(printed);
        Assert.True(node.ExitCode == 0, $"node {script} exited {node.ExitCode}:\n{printed}");
        Assert.Contains(" 0 failed", printed, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CchcGrpc.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CchcGrpc.sln above {AppContext.BaseDirectory}.");
    }
}
