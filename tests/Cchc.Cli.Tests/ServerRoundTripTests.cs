namespace Cchc.Cli.Tests;

/// <summary>The CLI against the real cchc-server (SQLite, authentication on), as a user runs them from the README.</summary>
public sealed class ServerRoundTripTests
{
    // The demo's run against the real server is DemoProgressTests: one run checks the season and its progress figures.

    [Fact]
    public async Task Units_stream_in_scores_go_in_per_role_and_refusals_come_back_with_their_status()
    {
        await using var server = await CchcServerProcess.StartAsync();
        var at = $"--server {server.Address}";
        var admin = await InProcessCli.TokenAsync(server, "--role province-admin --province 30");
        var officer = await InProcessCli.TokenAsync(server, "--role commune-officer --province 30 --commune 11116");

        var anonymous = await InProcessCli.RunAsync($"units list --parent 298 --year 2022 {at}");
        var imported = await InProcessCli.RunAsync($"units import --file {Samples.Units} {at} --token {admin}");
        var listed = await InProcessCli.RunAsync($"units list --parent 298 --year 2022 {at} --token {admin}");
        var framework = await InProcessCli.RunAsync($"framework put --province 30 --year 2022 --file {Samples.Framework} {at} --token {admin}");
        var submitted = await InProcessCli.RunAsync($"scores submit --commune 11116 --year 2022 --stage self --file {Samples.SelfScores} {at} --token {officer}");
        var elsewhere = await InProcessCli.RunAsync($"scores submit --commune 11083 --year 2022 --stage self --file {Samples.SelfScores} {at} --token {officer}");
        var ranking = await InProcessCli.RunAsync($"ranking --scope 30 --year 2022 {at} --token {admin}");

        Assert.Equal(ExitCodes.Refused, anonymous.Code);
        Assert.Contains("The server refused (UNAUTHENTICATED):", anonymous.Output, StringComparison.Ordinal);
        Assert.Contains("pass --token or set CCHC_TOKEN", anonymous.Output, StringComparison.Ordinal);

        Assert.True(imported.Code == ExitCodes.Success, imported.Output);
        Assert.Contains("Imported 1 provinces: 2 districts, 36 communes.", imported.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, listed.Code);
        Assert.Contains("Xã Quang Khải", listed.Output, StringComparison.Ordinal);
        Assert.True(framework.Code == ExitCodes.Success, framework.Output);
        Assert.True(submitted.Code == ExitCodes.Success, submitted.Output);
        Assert.Contains("Index now", submitted.Output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Refused, elsewhere.Code);
        Assert.Contains("The server refused (PERMISSION_DENIED):", elsewhere.Output, StringComparison.Ordinal);
        Assert.Contains("The token is valid but not allowed to do this.", elsewhere.Output, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Success, ranking.Code);
        Assert.Contains("Xã Quang Khải", ranking.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_stream_the_server_refuses_at_once_reports_the_refusal()
    {
        await using var server = await CchcServerProcess.StartAsync();
        var viewer = await InProcessCli.TokenAsync(server, "--role viewer --province 30");

        var (code, output) = await InProcessCli.RunAsync($"units import --file {Samples.Units} --server {server.Address} --token {viewer}");

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("The server refused (PERMISSION_DENIED):", output, StringComparison.Ordinal);
    }
}
