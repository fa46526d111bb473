using System.Text;
using Cchc.Grpc.Client;
using Cchc.Grpc.Tests.Echo;
using Google.Protobuf;

namespace Cchc.Grpc.Tests;

/// <summary>Our client against our server on a real Kestrel loopback port: every call shape and rule.</summary>
public sealed class ClientServerTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private EchoServer Server => fixture.Server;

    private GrpcClient Client => fixture.Server.Client;

    [Fact]
    public async Task Unary_call_round_trips_Vietnamese_text_and_bytes_exactly()
    {
        const string name = "Phường Hoàn Kiếm, Thành phố Hà Nội";
        EchoReply reply = await Client.UnaryAsync(EchoService.Echo, new EchoRequest { Message = name, Payload = ByteString.CopyFrom(1, 2, 3) });

        Assert.Equal(name, reply.Message);
        Assert.Equal([1, 2, 3], reply.Payload.ToByteArray());
    }

    [Fact]
    public async Task Server_streaming_call_returns_every_message_in_order()
    {
        await using GrpcCall<StreamRequest, EchoReply> call = Client.ServerStreaming(EchoService.ServerStream, new StreamRequest { Message = "xã", Count = 5 });
        var replies = new List<EchoReply>();
        await foreach (EchoReply reply in call.ReadAllAsync())
        {
            replies.Add(reply);
        }

        Assert.Equal(["xã 1", "xã 2", "xã 3", "xã 4", "xã 5"], replies.Select(r => r.Message));
        Assert.Equal(GrpcStatusCode.OK, call.Status);
    }

    [Fact]
    public async Task Server_streaming_call_with_no_messages_ends_trailers_only_with_OK()
    {
        await using GrpcCall<StreamRequest, EchoReply> call = Client.ServerStreaming(EchoService.ServerStream, new StreamRequest { Count = 0 });

        Assert.Null(await call.ReadAsync());
        Assert.Equal(GrpcStatusCode.OK, call.Status);
    }

    [Fact]
    public async Task Client_streaming_call_receives_every_request_before_answering()
    {
        await using GrpcCall<EchoRequest, EchoReply> call = Client.StartCall(EchoService.ClientStream);
        foreach (string part in new[] { "Bộ", "chỉ", "số" })
        {
            await call.WriteAsync(new EchoRequest { Message = part });
        }

        EchoReply reply = await call.GetResponseAsync();

        Assert.Equal("Bộ|chỉ|số", reply.Message);
        Assert.Equal(3, reply.Count);
    }

    [Fact]
    public async Task Duplex_call_answers_each_message_before_the_next_is_sent()
    {
        await using GrpcCall<EchoRequest, EchoReply> call = Client.StartCall(EchoService.Bidi);
        for (int i = 1; i <= 3; i++)
        {
            await call.WriteAsync(new EchoRequest { Message = $"m{i}" });
            EchoReply? reply = await call.ReadAsync().AsTask().WaitAsync(Patience);
            Assert.NotNull(reply);
            Assert.Equal($"m{i}", reply.Message);
            Assert.Equal(i, reply.Count);
        }

        await call.CompleteRequestAsync();
        Assert.Null(await call.ReadAsync());
        Assert.Equal(GrpcStatusCode.OK, call.Status);
    }

    [Fact]
    public async Task Chosen_status_and_Vietnamese_message_reach_the_client_with_trailers()
    {
        var ex = await Assert.ThrowsAsync<GrpcStatusException>(() =>
            Client.UnaryAsync(EchoService.Fail, new FailRequest { Code = (int)GrpcStatusCode.NotFound, Message = "Không tìm thấy xã 99999" }));

        Assert.Equal(GrpcStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("Không tìm thấy xã 99999", ex.Detail);
        Assert.Equal("requested", ex.Trailers.GetValue("fail-reason"));
    }

    [Fact]
    public async Task Status_message_with_percent_and_control_characters_round_trips()
    {
        const string message = "100% lỗi:\r\n\ttab ~ end";
        var ex = await Assert.ThrowsAsync<GrpcStatusException>(() =>
            Client.UnaryAsync(EchoService.Fail, new FailRequest { Code = (int)GrpcStatusCode.InvalidArgument, Message = message }));

        Assert.Equal(GrpcStatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(message, ex.Detail);
    }

    [Fact]
    public async Task Handler_exception_becomes_UNKNOWN_without_its_text()
    {
        var ex = await Assert.ThrowsAsync<GrpcStatusException>(() =>
            Client.UnaryAsync(EchoService.Fail, new FailRequest { Code = (int)GrpcStatusCode.Unknown }));

        Assert.Equal(GrpcStatusCode.Unknown, ex.StatusCode);
        Assert.DoesNotContain("secret", ex.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_method_and_unknown_service_are_UNIMPLEMENTED()
    {
        var method = new GrpcMethod<EchoRequest, EchoReply>(GrpcMethodType.Unary, EchoService.ServiceName, "NoSuchMethod");
        var service = new GrpcMethod<EchoRequest, EchoReply>(GrpcMethodType.Unary, "cchc.testing.v1.NoSuchService", "Echo");

        var methodEx = await Assert.ThrowsAsync<GrpcStatusException>(() => Client.UnaryAsync(method, new EchoRequest()));
        var serviceEx = await Assert.ThrowsAsync<GrpcStatusException>(() => Client.UnaryAsync(service, new EchoRequest()));

        Assert.Equal(GrpcStatusCode.Unimplemented, methodEx.StatusCode);
        Assert.Equal("Method is unimplemented.", methodEx.Detail);
        Assert.Equal(GrpcStatusCode.Unimplemented, serviceEx.StatusCode);
        Assert.Equal("Service is unimplemented.", serviceEx.Detail);
    }

    [Fact]
    public async Task Deadline_cancels_the_handler_and_ends_with_DEADLINE_EXCEEDED()
    {
        string probe = Guid.NewGuid().ToString();
        var ex = await Assert.ThrowsAsync<GrpcStatusException>(() =>
            Client.UnaryAsync(EchoService.Slow, new SlowRequest { Probe = probe }, new GrpcCallOptions { Timeout = TimeSpan.FromMilliseconds(200) }));

        Assert.Equal(GrpcStatusCode.DeadlineExceeded, ex.StatusCode);
        Assert.True(await Server.Service.Probe(probe).Cancelled.Task.WaitAsync(Patience));
        Assert.Equal("ok", (await Client.UnaryAsync(EchoService.Echo, new EchoRequest { Message = "ok" })).Message);
    }

    [Fact]
    public async Task Client_cancellation_reaches_the_handler_token()
    {
        string probe = Guid.NewGuid().ToString();
        using var cts = new CancellationTokenSource();
        Task<EchoReply> call = Client.UnaryAsync(EchoService.Slow, new SlowRequest { Probe = probe }, cancellationToken: cts.Token);
        await Server.Service.Probe(probe).Started.Task.WaitAsync(Patience);

        await cts.CancelAsync();

        var ex = await Assert.ThrowsAsync<GrpcStatusException>(() => call);
        Assert.Equal(GrpcStatusCode.Cancelled, ex.StatusCode);
        Assert.True(await Server.Service.Probe(probe).Cancelled.Task.WaitAsync(Patience));
    }

    [Fact]
    public async Task Disposing_an_unfinished_stream_cancels_the_server_handler()
    {
        await using (GrpcCall<StreamRequest, EchoReply> call = Client.ServerStreaming(EchoService.ServerStream, new StreamRequest { Count = 1_000_000, PayloadSize = 1024 }))
        {
            Assert.NotNull(await call.ReadAsync());
        }

        Assert.Equal("still serving", (await Client.UnaryAsync(EchoService.Echo, new EchoRequest { Message = "still serving" })).Message);
    }

    [Fact]
    public async Task Request_metadata_including_binary_reaches_the_handler_and_response_metadata_comes_back()
    {
        byte[] binary = [0, 1, 2, 0xFE, 0xFF];
        var headers = new GrpcMetadata { { "x-tinh", "01" }, { "x-ma-xa-bin", binary }, { "x-ten-bin", Encoding.UTF8.GetBytes("Xã Đông Anh") } };

        GrpcResponse<MetadataReply> response = await Client.UnaryCallAsync(EchoService.EchoMetadata, new EchoRequest(), new GrpcCallOptions { Headers = headers });

        var seen = response.Message.Entries.ToDictionary(e => e.Key);
        Assert.Equal("01", seen["x-tinh"].Value);
        Assert.Equal(binary, seen["x-ma-xa-bin"].BinaryValue.ToByteArray());
        Assert.Equal("Xã Đông Anh", seen["x-ten-bin"].BinaryValue.ToStringUtf8());
        Assert.DoesNotContain(response.Message.Entries, e => e.Key.StartsWith("grpc-", StringComparison.Ordinal) || e.Key == "content-type");
        Assert.Equal("hello", response.Headers.GetValue("x-response-header"));
        Assert.Equal("Xin chào", Encoding.UTF8.GetString(response.Headers.GetBytes("x-response-bin")!));
        Assert.Equal("bye", response.Trailers.GetValue("x-trailer"));
        Assert.Equal(new byte[] { 0, 1, 2, 254, 255 }, response.Trailers.GetBytes("x-trailer-bin"));
    }

    [Fact]
    public async Task Response_headers_sent_early_arrive_before_the_message()
    {
        await using GrpcCall<EchoRequest, MetadataReply> call = Client.StartCall(EchoService.EchoMetadata);
        await call.WriteAsync(new EchoRequest { Message = "headers-first" });
        await call.CompleteRequestAsync();

        GrpcMetadata headers = await call.GetResponseHeadersAsync();
        MetadataReply reply = await call.GetResponseAsync();

        Assert.Equal("hello", headers.GetValue("x-response-header"));
        Assert.NotNull(reply);
        Assert.Equal("bye", call.GetTrailers().GetValue("x-trailer"));
    }

    [Fact]
    public async Task Health_check_reports_what_the_host_sets()
    {
        var check = new GrpcMethod<global::Grpc.Health.V1.HealthCheckRequest, global::Grpc.Health.V1.HealthCheckResponse>(GrpcMethodType.Unary, "grpc.health.v1.Health", "Check");
        string service = "cchc.v1.Scoring-" + Guid.NewGuid();

        var overall = await Client.UnaryAsync(check, new() { Service = "" });
        var unknown = await Assert.ThrowsAsync<GrpcStatusException>(() => Client.UnaryAsync(check, new() { Service = service }));
        Server.Health.SetStatus(service, Health.GrpcHealthStatus.NotServing);
        var notServing = await Client.UnaryAsync(check, new() { Service = service });

        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, overall.Status);
        Assert.Equal(GrpcStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing, notServing.Status);
    }

    [Fact]
    public async Task Health_watch_sends_the_current_status_then_every_change()
    {
        var watch = new GrpcMethod<global::Grpc.Health.V1.HealthCheckRequest, global::Grpc.Health.V1.HealthCheckResponse>(GrpcMethodType.ServerStreaming, "grpc.health.v1.Health", "Watch");
        string service = "cchc.v1.Ranking-" + Guid.NewGuid();
        await using var call = Client.ServerStreaming(watch, new() { Service = service });

        var first = await call.ReadAsync().AsTask().WaitAsync(Patience);
        Server.Health.SetStatus(service, Health.GrpcHealthStatus.Serving);
        var second = await call.ReadAsync().AsTask().WaitAsync(Patience);
        Server.Health.SetStatus(service, Health.GrpcHealthStatus.NotServing);
        var third = await call.ReadAsync().AsTask().WaitAsync(Patience);

        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.ServiceUnknown, first!.Status);
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, second!.Status);
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing, third!.Status);
    }
}
