using System.Text;
using Cchc.Grpc.Client;
using Cchc.Grpc.Tests.Echo;
using Cchc.Testing;

namespace Cchc.Grpc.Tests;

/// <summary>The "Cchc.Grpc" instruments as real calls over HTTP/2 move them.</summary>
public sealed class ServerMetricsTests : IAsyncLifetime
{
    private readonly GrpcServerMetrics _metrics = new();
    private MetricsRecorder _recorder = null!;
    private EchoServer _server = null!;

    public async Task InitializeAsync()
    {
        _recorder = new MetricsRecorder(_metrics);
        _server = await EchoServer.StartAsync(new GrpcServerOptions { Service = new GrpcServiceOptions { Metrics = _metrics } });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _recorder.Dispose();
        _metrics.Dispose();
    }

    [Fact]
    public async Task Calls_are_counted_by_service_method_type_and_status_code_and_timed()
    {
        for (var i = 0; i < 3; i++)
        {
            await _server.Client.UnaryAsync(EchoService.Echo, new EchoRequest { Message = "xin chào" });
        }

        await Assert.ThrowsAsync<GrpcStatusException>(() =>
            _server.Client.UnaryAsync(EchoService.Fail, new FailRequest { Code = (int)GrpcStatusCode.NotFound, Message = "no such commune" }));
        await Assert.ThrowsAsync<GrpcStatusException>(() =>
            _server.Client.UnaryAsync(EchoService.Fail, new FailRequest { Code = (int)GrpcStatusCode.Unknown }));

        Assert.Equal(3, _recorder.Sum(GrpcServerMetrics.CallsStarted, "Echo"));
        Assert.Equal(3, _recorder.Sum(GrpcServerMetrics.CallsHandled, "Echo", "OK"));
        Assert.Equal(2, _recorder.Sum(GrpcServerMetrics.CallsStarted, "Fail"));
        Assert.Equal(1, _recorder.Sum(GrpcServerMetrics.CallsHandled, "Fail", "NOT_FOUND"));
        Assert.Equal(1, _recorder.Sum(GrpcServerMetrics.CallsHandled, "Fail", "UNKNOWN"));
        Assert.Equal(0, _recorder.Sum(GrpcServerMetrics.CallsActive, "Echo"));
        Assert.Equal(3, _recorder.Count(GrpcServerMetrics.CallDuration, "Echo"));
        Assert.All(_recorder.Snapshot().Where(m => m.Tag("grpc.method") == "Echo"), m =>
        {
            Assert.Equal(EchoService.ServiceName, m.Tag("grpc.service"));
            Assert.Equal("unary", m.Tag("grpc.type"));
        });
        Assert.All(_recorder.Snapshot().Where(m => m.Instrument == GrpcServerMetrics.CallDuration),
            m => Assert.InRange(m.Value, 0, 10));
    }

    [Fact]
    public async Task Stream_messages_are_counted_each_way()
    {
        await using (var stream = _server.Client.ServerStreaming(EchoService.ServerStream, new StreamRequest { Message = "m", Count = 4 }))
        {
            Assert.Equal(4, await stream.ReadAllAsync().CountAsync());
        }

        await using (var upload = _server.Client.StartCall(EchoService.ClientStream))
        {
            foreach (var part in new[] { "a", "b", "c" })
            {
                await upload.WriteAsync(new EchoRequest { Message = part });
            }

            await upload.CompleteRequestAsync();
            Assert.Equal("a|b|c", (await upload.GetResponseAsync()).Message);
        }

        await _recorder.WhenRecorded(m => m.Instrument == GrpcServerMetrics.CallsHandled && m.Tag("grpc.method") == "ClientStream")
            .WaitAsync(TimeSpan.FromSeconds(10));
        await _recorder.WhenRecorded(m => m.Instrument == GrpcServerMetrics.CallsHandled && m.Tag("grpc.method") == "ServerStream")
            .WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(4, _recorder.Sum(GrpcServerMetrics.MessagesSent, "ServerStream"));
        Assert.Equal(1, _recorder.Sum(GrpcServerMetrics.MessagesReceived, "ServerStream"));
        Assert.Equal(3, _recorder.Sum(GrpcServerMetrics.MessagesReceived, "ClientStream"));
        Assert.Equal(1, _recorder.Sum(GrpcServerMetrics.MessagesSent, "ClientStream"));
        Assert.Equal("server_stream", _recorder.Snapshot().First(m => m.Tag("grpc.method") == "ServerStream").Tag("grpc.type"));
        Assert.Equal("client_stream", _recorder.Snapshot().First(m => m.Tag("grpc.method") == "ClientStream").Tag("grpc.type"));
    }

    [Fact]
    public async Task A_call_in_flight_is_active_until_the_client_cancels_it_and_ends_cancelled()
    {
        const string probe = "metrics-cancel";
        using var cts = new CancellationTokenSource();
        var call = _server.Client.UnaryAsync(EchoService.Slow, new SlowRequest { Probe = probe }, cancellationToken: cts.Token);
        await _server.Service.Probe(probe).Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, _recorder.Sum(GrpcServerMetrics.CallsActive, "Slow"));
        Assert.Equal(0, _recorder.Count(GrpcServerMetrics.CallsHandled, "Slow"));

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => call);
        await _recorder.WhenRecorded(m => m.Instrument == GrpcServerMetrics.CallsHandled && m.Tag("grpc.method") == "Slow")
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, _recorder.Sum(GrpcServerMetrics.CallsHandled, "Slow", "CANCELLED"));
        Assert.Equal(0, _recorder.Sum(GrpcServerMetrics.CallsActive, "Slow"));
    }

    [Fact]
    public async Task A_call_past_its_deadline_ends_deadline_exceeded()
    {
        // The client's clock never moves, so only the server's deadline ends the call: no race with a client reset.
        using var client = new GrpcClient(_server.Server.Address, new GrpcClientOptions { TimeProvider = new ManualTimeProvider() });
        var failure = await Assert.ThrowsAsync<GrpcStatusException>(() => client.UnaryAsync(EchoService.Slow,
            new SlowRequest { Probe = "metrics-deadline" }, new GrpcCallOptions { Timeout = TimeSpan.FromMilliseconds(100) }));
        await _recorder.WhenRecorded(m => m.Instrument == GrpcServerMetrics.CallsHandled && m.Tag("grpc.method") == "Slow")
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(GrpcStatusCode.DeadlineExceeded, failure.StatusCode);
        Assert.Equal(1, _recorder.Sum(GrpcServerMetrics.CallsHandled, "Slow", "DEADLINE_EXCEEDED"));
    }

    [Fact]
    public void Status_codes_are_named_as_the_grpc_spec_spells_them()
    {
        foreach (var code in Enum.GetValues<GrpcStatusCode>())
        {
            var expected = new StringBuilder();
            foreach (var c in code.ToString())
            {
                if (char.IsUpper(c) && expected.Length > 0 && code != GrpcStatusCode.OK)
                {
                    expected.Append('_');
                }

                expected.Append(char.ToUpperInvariant(c));
            }

            Assert.Equal(expected.ToString(), GrpcServerMetrics.CodeName(code));
        }

        Assert.Same(GrpcServerMetrics.Shared, new GrpcServiceOptions().Metrics);
    }
}
