using System.Diagnostics;

namespace Cchc.Cli.Tests;

/// <summary><c>cchc --server a,b,...</c>: the commands over a list of servers, against real gRPC servers on loopback.</summary>
public sealed class ClusterCommandTests
{
    // Nothing listens on port 1 of the loopback: a connection there is refused at once.
    private const string Refusing = "http://127.0.0.1:1";

    [Fact]
    public async Task Against_the_real_server_a_dead_first_address_changes_nothing_and_a_resubmitted_key_is_applied_once()
    {
        await using var server = await CchcServerProcess.StartAsync();
        var at = $"--server {Refusing},{server.Address}";
        var admin = await InProcessCli.TokenAsync(server, "--role province-admin --province 30");
        var officer = await InProcessCli.TokenAsync(server, "--role commune-officer --province 30 --commune 11116");

        var imported = await InProcessCli.RunAsync($"units import --file {Samples.Units} {at} --token {admin}");
        var framework = await InProcessCli.RunAsync($"framework put --province 30 --year 2022 --file {Samples.Framework} {at} --token {admin}");
        var submit = $"scores submit --commune 11116 --year 2022 --stage self --file {Samples.SelfScores} --idempotency-key cluster-k1 {at} --token {officer}";
        var first = await InProcessCli.RunAsync(submit);
        var again = await InProcessCli.RunAsync(submit);
        var ranking = await InProcessCli.RunAsync($"ranking --scope 30 --year 2022 {at} --token {admin}");

        Assert.True(imported.Code == ExitCodes.Success, imported.Output);
        Assert.Contains("Imported 1 provinces: 2 districts, 36 communes.", imported.Output, StringComparison.Ordinal);
        Assert.True(framework.Code == ExitCodes.Success, framework.Output);
        Assert.True(first.Code == ExitCodes.Success, first.Output);
        Assert.DoesNotContain("already applied earlier", first.Output, StringComparison.Ordinal);
        Assert.True(again.Code == ExitCodes.Success, again.Output);
        Assert.Contains("(already applied earlier with this key; nothing applied again)", again.Output, StringComparison.Ordinal);
        Assert.Equal(IndexLine(first.Output), IndexLine(again.Output));
        Assert.Equal(ExitCodes.Success, ranking.Code);
        Assert.Contains("Xã Quang Khải", ranking.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_server_of_a_loopback_list_gets_the_token_as_a_bearer_header()
    {
        var service = new ScriptedRankingService();
        await using var a = await LoopbackGrpcServer.StartAsync(service);
        await using var b = await LoopbackGrpcServer.StartAsync(service);

        var (code, output) = await InProcessCli.RunAsync($"ranking --scope 30 --year 2022 --server {Refusing},{a.Address},{b.Address} --token tok-123.abc");

        Assert.True(code == ExitCodes.Success, output);
        Assert.Equal(["Bearer tok-123.abc"], service.Authorizations);
    }

    [Fact]
    public async Task A_token_is_not_sent_when_any_server_of_the_list_is_cleartext_off_loopback()
    {
        var service = new ScriptedRankingService();
        await using var live = await LoopbackGrpcServer.StartAsync(service);

        var (code, output) = await InProcessCli.RunAsync($"ranking --scope 30 --year 2022 --server {live.Address},http://192.0.2.10:5000 --token tok-123");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("Refusing to send a token in cleartext to http://192.0.2.10:5000/:", output, StringComparison.Ordinal);
        Assert.DoesNotContain($"cleartext to {live.Address}", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent to the server.", output, StringComparison.Ordinal);
        Assert.Empty(service.Authorizations);
    }

    [Fact]
    public async Task Every_server_of_the_list_unreachable_exits_3_naming_them_all()
    {
        var (code, output) = await InProcessCli.RunAsync($"ranking --scope 30 --year 2022 --server {Refusing},http://127.0.0.1:2");

        Assert.Equal(ExitCodes.Unavailable, code);
        Assert.Contains("The call failed (UNAVAILABLE):", output, StringComparison.Ordinal);
        Assert.Contains("Cannot reach the cluster at http://127.0.0.1:1/, http://127.0.0.1:2/.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--server http://127.0.0.1:5001,,http://127.0.0.1:5002", null, "--server: address 2 of 3 in 'http://127.0.0.1:5001,,http://127.0.0.1:5002' is empty")]
    [InlineData("--server http://127.0.0.1:5001,http://127.0.0.1:5001", null, "--server: 'http://127.0.0.1:5001' is given twice")]
    [InlineData("", "http://127.0.0.1:5001,not-a-url", "CCHC_SERVER: 'not-a-url' is not a server address")]
    public async Task The_installed_tool_exits_2_on_a_bad_list_and_names_the_bad_part(string serverOption, string? variable, string message)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["exec", Path.Combine(AppContext.BaseDirectory, "cchc.dll"), "ranking", "--scope", "30", "--year", "2022"])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var arg in serverOption.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("CCHC_TOKEN");
        start.Environment.Remove("CCHC_SERVER");
        if (variable is not null)
        {
            start.Environment["CCHC_SERVER"] = variable;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCodes.BadInput, process.ExitCode);
        Assert.Contains(message, await stderr + await stdout, StringComparison.Ordinal);
    }

    private static string IndexLine(string output) =>
        output.Split('\n').Single(line => line.StartsWith("Index now", StringComparison.Ordinal)).Split(". Idempotency key", StringSplitOptions.None)[0];
}
