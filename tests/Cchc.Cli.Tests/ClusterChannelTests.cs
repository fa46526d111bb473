using Cchc.Api.Client;
using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Cli.Tests;

/// <summary>
/// The channel every client opens (CchcChannel) against real gRPC servers on loopback playing the silos of a
/// cluster: one refusing connections, one leaving (answering UNAVAILABLE), healthy ones counting the attempts.
/// The documented policy: at most 5 attempts per call, retried only on UNAVAILABLE.
/// </summary>
public sealed class ClusterChannelTests
{
    // Nothing listens on port 1 of the loopback: a connection there is refused at once.
    private static readonly Uri Refusing = new("http://127.0.0.1:1");

    private static readonly GetRankingRequest Request = new() { ScopeCode = "30" };

    [Fact]
    public async Task Calls_succeed_when_the_first_address_refuses_connections()
    {
        var service = new ScriptedRankingService { Ranking = _ => new GetRankingResponse { UnitCount = 36 } };
        await using var live = await LoopbackGrpcServer.StartAsync(service);
        using var channel = CchcChannel.Create([Refusing, live.Address]);
        var client = new RankingService.RankingServiceClient(channel);

        var counts = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            counts.Add((await client.GetRankingAsync(Request, deadline: Deadline())).UnitCount);
        }

        Assert.Equal(Enumerable.Repeat(36, 10), counts);
        Assert.Equal(10, service.Authorizations.Count);
    }

    [Fact]
    public async Task A_server_answering_UNAVAILABLE_twice_is_tried_a_third_time_and_the_call_succeeds()
    {
        var attempts = 0;
        var service = new ScriptedRankingService
        {
            Ranking = _ => Interlocked.Increment(ref attempts) <= 2
                ? throw new RpcException(new Status(StatusCode.Unavailable, "The silo is leaving the cluster."))
                : new GetRankingResponse { UnitCount = 36 },
        };
        await using var server = await LoopbackGrpcServer.StartAsync(service);
        using var channel = CchcChannel.Create([server.Address]);

        var response = await new RankingService.RankingServiceClient(channel).GetRankingAsync(Request, deadline: Deadline());

        Assert.Equal(36, response.UnitCount);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task UNAVAILABLE_reaches_the_caller_after_five_attempts_in_all()
    {
        var attempts = 0;
        var service = new ScriptedRankingService
        {
            Ranking = _ =>
            {
                Interlocked.Increment(ref attempts);
                throw new RpcException(new Status(StatusCode.Unavailable, "The silo is leaving the cluster."));
            },
        };
        await using var server = await LoopbackGrpcServer.StartAsync(service);
        using var channel = CchcChannel.Create([server.Address]);

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await new RankingService.RankingServiceClient(channel).GetRankingAsync(Request, deadline: Deadline()));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Equal("The silo is leaving the cluster.", ex.Status.Detail);
        Assert.Equal(5, attempts);
    }

    [Theory]
    [InlineData(StatusCode.FailedPrecondition)]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.ResourceExhausted)]
    public async Task Any_other_status_is_the_answer_after_one_attempt(StatusCode code)
    {
        var attempts = 0;
        var service = new ScriptedRankingService
        {
            Ranking = _ =>
            {
                Interlocked.Increment(ref attempts);
                throw new RpcException(new Status(code, "refused"));
            },
        };
        await using var server = await LoopbackGrpcServer.StartAsync(service);
        using var channel = CchcChannel.Create([server.Address]);

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await new RankingService.RankingServiceClient(channel).GetRankingAsync(Request, deadline: Deadline()));

        Assert.Equal(code, ex.StatusCode);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_leaving_silo_answering_UNAVAILABLE_costs_no_call_the_other_silo_serves_them()
    {
        var leavingAttempts = 0;
        var leaving = new ScriptedRankingService
        {
            Ranking = _ =>
            {
                Interlocked.Increment(ref leavingAttempts);
                throw new RpcException(new Status(StatusCode.Unavailable, "The silo is leaving the cluster."));
            },
        };
        var serving = new ScriptedRankingService { Ranking = _ => new GetRankingResponse { UnitCount = 36 } };
        await using var a = await LoopbackGrpcServer.StartAsync(leaving);
        await using var b = await LoopbackGrpcServer.StartAsync(serving);
        using var channel = CchcChannel.Create([a.Address, b.Address]);
        var client = new RankingService.RankingServiceClient(channel);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(36, (await client.GetRankingAsync(Request, deadline: Deadline())).UnitCount);
        }

        Assert.Equal(20, serving.Authorizations.Count);
        // Round-robin keeps offering the leaving silo calls (its connection is up); each is retried on the other. Until
        // the other's connection is made (the first call), a retry can meet the leaving one again; never every attempt.
        Assert.InRange(leavingAttempts, 1, 2 * 20);
    }

    [Fact]
    public async Task Calls_are_spread_over_every_server_of_the_list()
    {
        var first = new ScriptedRankingService();
        var second = new ScriptedRankingService();
        await using var a = await LoopbackGrpcServer.StartAsync(first);
        await using var b = await LoopbackGrpcServer.StartAsync(second);
        using var channel = CchcChannel.Create([a.Address, b.Address]);
        var client = new RankingService.RankingServiceClient(channel);

        for (var i = 0; i < 40; i++)
        {
            await client.GetRankingAsync(Request, deadline: Deadline());
        }

        Assert.Equal(40, first.Authorizations.Count + second.Authorizations.Count);
        Assert.NotEmpty(first.Authorizations);
        Assert.NotEmpty(second.Authorizations);
    }

    [Fact]
    public async Task Every_address_down_is_UNAVAILABLE_for_the_caller()
    {
        using var channel = CchcChannel.Create([Refusing, new Uri("http://127.0.0.1:2")]);

        var ex = await Assert.ThrowsAsync<RpcException>(async () => await new RankingService.RankingServiceClient(channel).GetRankingAsync(Request, deadline: Deadline()));

        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
    }

    [Fact]
    public void A_list_the_channel_cannot_serve_is_refused_when_the_channel_is_made()
    {
        var twice = Assert.Throws<ArgumentException>(() => CchcChannel.Create([new Uri("http://127.0.0.1:5001"), new Uri("http://127.0.0.1:5001/")]));
        var mixed = Assert.Throws<ArgumentException>(() => CchcChannel.Create([new Uri("http://127.0.0.1:5001"), new Uri("https://127.0.0.1:5002")]));
        var none = Assert.Throws<ArgumentException>(() => CchcChannel.Create([]));

        Assert.Contains("'http://127.0.0.1:5001/' is given twice", twice.Message, StringComparison.Ordinal);
        Assert.Contains("give all http:// or all https://", mixed.Message, StringComparison.Ordinal);
        Assert.Contains("no server address given", none.Message, StringComparison.Ordinal);
    }

    // Every call of a real client carries one; generous here so a loaded test machine does not decide the outcome.
    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);
}
