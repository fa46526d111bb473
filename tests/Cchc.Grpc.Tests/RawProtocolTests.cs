using Cchc.Grpc.Tests.Echo;

namespace Cchc.Grpc.Tests;

/// <summary>What the server puts on the wire for requests no well-behaved client would send.</summary>
public sealed class RawProtocolTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>, IDisposable
{
    private readonly RawHttp _raw = new();

    private int Port => fixture.Server.Port;

    [Fact]
    public async Task Wrong_content_type_gets_HTTP_415()
    {
        RawResponse response = await _raw.PostAsync(Port, EchoService.Echo.Path, RawHttp.Frame(new EchoRequest()), "application/json");

        Assert.Equal(415, response.StatusCode);
    }

    [Fact]
    public async Task Well_formed_call_gets_headers_one_message_and_status_in_trailers()
    {
        RawResponse response = await _raw.PostAsync(Port, EchoService.Echo.Path, RawHttp.Frame(new EchoRequest { Message = "xin chào" }));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(new Version(2, 0), response.Version);
        Assert.Equal("0", response.Trailers["grpc-status"]);
        Assert.False(response.Headers.ContainsKey("grpc-status"));
        Assert.Equal(0, response.Body[0]);
        Assert.Equal("xin chào", EchoReply.Parser.ParseFrom(response.Body.AsSpan(5)).Message);
    }

    [Fact]
    public async Task Error_before_any_message_is_trailers_only_with_percent_encoded_message()
    {
        RawResponse response = await _raw.PostAsync(Port, EchoService.Fail.Path, RawHttp.Frame(new FailRequest { Code = 5, Message = "Không tìm thấy xã 99999" }));

        Assert.Equal(200, response.StatusCode);
        Assert.True(response.IsTrailersOnly);
        Assert.Equal("5", response.Status);
        Assert.Equal("Kh%C3%B4ng t%C3%ACm th%E1%BA%A5y x%C3%A3 99999", response.Message);
        Assert.Equal("requested", response.Headers["fail-reason"]);
    }

    [Fact]
    public async Task Unknown_method_is_trailers_only_UNIMPLEMENTED()
    {
        RawResponse response = await _raw.PostAsync(Port, "/cchc.testing.v1.EchoService/Nope", RawHttp.Frame(new EchoRequest()));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal("12", response.Status);
    }

    [Fact]
    public async Task Truncated_frame_is_INTERNAL_and_the_server_keeps_serving()
    {
        byte[] frame = RawHttp.Frame(new EchoRequest { Message = "a longer message" })[..8];

        RawResponse response = await _raw.PostAsync(Port, EchoService.Echo.Path, frame);
        RawResponse after = await _raw.PostAsync(Port, EchoService.Echo.Path, RawHttp.Frame(new EchoRequest()));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal("13", response.Status);
        Assert.Contains("Incomplete message", response.Message, StringComparison.Ordinal);
        Assert.Equal("0", after.Status);
    }

    [Fact]
    public async Task Bad_compressed_flag_is_INTERNAL()
    {
        RawResponse response = await _raw.PostAsync(Port, EchoService.Echo.Path, RawHttp.Frame([], flag: 7));

        Assert.Equal("13", response.Status);
    }

    [Fact]
    public async Task Compressed_message_without_grpc_encoding_is_INTERNAL()
    {
        RawResponse response = await _raw.PostAsync(Port, EchoService.Echo.Path, RawHttp.Frame([0x0A, 0x00], flag: 1));

        Assert.Equal("13", response.Status);
    }

    [Fact]
    public async Task Malformed_protobuf_is_INTERNAL_without_parser_text()
    {
        // Field 1 as a length-delimited string claiming 100 bytes, followed by two.
        RawResponse response = await _raw.PostAsync(Port, EchoService.Echo.Path, RawHttp.Frame([0x0A, 100, 1, 2]));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal("13", response.Status);
        Assert.Equal("Failed to deserialize the request message: it is not a valid protobuf message.", Uri.UnescapeDataString(response.Message!));
    }

    [Fact]
    public async Task Unsupported_grpc_encoding_is_UNIMPLEMENTED_and_lists_what_is_supported()
    {
        RawResponse response = await _raw.PostAsync(Port, EchoService.Echo.Path, RawHttp.Frame(new EchoRequest()), headers: ("grpc-encoding", "br"));

        Assert.True(response.IsTrailersOnly);
        Assert.Equal("12", response.Status);
        Assert.Equal("identity,gzip", response.Headers["grpc-accept-encoding"]);
    }

    [Fact]
    public async Task Server_ends_an_expired_call_with_DEADLINE_EXCEEDED_when_the_client_does_not_reset_it()
    {
        RawResponse response = await _raw.PostAsync(Port, EchoService.Slow.Path, RawHttp.Frame(new SlowRequest { Probe = Guid.NewGuid().ToString() }), headers: ("grpc-timeout", "100m"));

        Assert.Equal("4", response.Status);
        Assert.Equal("Deadline Exceeded", response.Message);
    }

    [Fact]
    public async Task Malformed_grpc_timeout_is_INTERNAL()
    {
        RawResponse response = await _raw.PostAsync(Port, EchoService.Echo.Path, RawHttp.Frame(new EchoRequest()), headers: ("grpc-timeout", "soon"));

        Assert.Equal("13", response.Status);
    }

    [Fact]
    public async Task Two_messages_on_a_unary_call_are_INTERNAL()
    {
        byte[] one = RawHttp.Frame(new EchoRequest { Message = "a" });

        RawResponse response = await _raw.PostAsync(Port, EchoService.Echo.Path, [.. one, .. one]);

        Assert.Equal("13", response.Status);
    }

    public void Dispose() => _raw.Dispose();
}
