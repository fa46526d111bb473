using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Cli.Tests;

/// <summary>What the CLI's generated clients put on the wire, checked by a real gRPC server on loopback.</summary>
public sealed class ConnectionTests
{
    private const string Ranking = "ranking --scope 30 --year 2022";

    [Fact]
    public async Task The_token_goes_out_as_a_bearer_authorization_header_over_loopback_h2c()
    {
        var service = new ScriptedRankingService();
        await using var server = await LoopbackGrpcServer.StartAsync(service);

        var (code, _) = await InProcessCli.RunAsync($"{Ranking} --server {server.Address} --token tok-123.abc");

        Assert.Equal(ExitCodes.Success, code);
        Assert.Equal(["Bearer tok-123.abc"], service.Authorizations);
    }

    [Fact]
    public async Task The_token_comes_from_CCHC_TOKEN_when_not_given_and_no_token_sends_no_header()
    {
        var service = new ScriptedRankingService();
        await using var server = await LoopbackGrpcServer.StartAsync(service);

        var (withVariable, _) = await InProcessCli.RunAsync($"{Ranking} --server {server.Address}", name => name == "CCHC_TOKEN" ? "from-env" : null);
        var (without, _) = await InProcessCli.RunAsync($"{Ranking} --server {server.Address}");

        Assert.Equal((ExitCodes.Success, ExitCodes.Success), (withVariable, without));
        Assert.Equal(["Bearer from-env", null], service.Authorizations);
    }

    [Fact]
    public async Task A_token_is_not_sent_in_cleartext_to_a_server_off_loopback()
    {
        // 192.0.2.0/24 is reserved for documentation: a connection attempt there would hang, then fail as UNAVAILABLE.
        var (code, output) = await InProcessCli.RunAsync($"{Ranking} --server http://192.0.2.10:5000 --token tok-123");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("Refusing to send a token in cleartext to http://192.0.2.10:5000/", output, StringComparison.Ordinal);
        Assert.Contains("Connect with https://", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was sent to the server.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_prints_its_status_and_every_detail_line_and_exits_1()
    {
        var service = new ScriptedRankingService
        {
            Ranking = _ => throw new RpcException(new Status(StatusCode.FailedPrecondition, "Tỉnh 30 has no framework for 2022.\nPut one with: cchc framework put")),
        };
        await using var server = await LoopbackGrpcServer.StartAsync(service);

        var (code, output) = await InProcessCli.RunAsync($"{Ranking} --server {server.Address}");

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("The server refused (FAILED_PRECONDITION):", output, StringComparison.Ordinal);
        Assert.Contains("• Tỉnh 30 has no framework for 2022.", output, StringComparison.Ordinal);
        Assert.Contains("• Put one with: cchc framework put", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_method_the_server_does_not_serve_is_named_as_such()
    {
        // The scripted server hosts only RankingService: a RegistryService call is UNIMPLEMENTED there.
        await using var server = await LoopbackGrpcServer.StartAsync(new ScriptedRankingService());

        var (code, output) = await InProcessCli.RunAsync($"units list --parent 298 --year 2022 --server {server.Address}");

        Assert.Equal(ExitCodes.Refused, code);
        Assert.Contains("The server refused (UNIMPLEMENTED):", output, StringComparison.Ordinal);
        Assert.Contains("does not serve this method", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Interrupting_a_live_watch_cancels_the_stream_and_exits_130()
    {
        var streaming = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var serverSawCancel = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var service = new ScriptedRankingService
        {
            Watch = async (_, responses, context) =>
            {
                await responses.WriteAsync(new WatchRankingResponse { Snapshot = new RankingSnapshot { Version = 1 } });
                streaming.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
                }
                catch (OperationCanceledException)
                {
                    serverSawCancel.TrySetResult();
                }
            },
        };
        await using var server = await LoopbackGrpcServer.StartAsync(service);
        using var interrupt = new CancellationTokenSource();

        var watching = InProcessCli.RunAsync($"watch --scope 30 --year 2022 --server {server.Address}", cancellationToken: interrupt.Token);
        await streaming.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await interrupt.CancelAsync();
        var (code, output) = await watching.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Contains("Interrupted.", output, StringComparison.Ordinal);
        await serverSawCancel.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
