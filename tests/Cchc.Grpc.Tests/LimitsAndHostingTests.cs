using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cchc.Grpc.Client;
using Cchc.Grpc.Tests.Echo;
using Google.Protobuf;

namespace Cchc.Grpc.Tests;

/// <summary>Rules that need a server of their own: size limits, compression, TLS, shutdown.</summary>
public sealed class LimitsAndHostingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Default_limit_is_4_MiB_on_receive()
    {
        await using EchoServer server = await EchoServer.StartAsync();
        var near = new EchoRequest { Payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) - 16]) };
        var over = new EchoRequest { Payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]) };

        EchoReply reply = await server.Client.UnaryAsync(EchoService.Echo, near);
        var ex = await Assert.ThrowsAsync<GrpcStatusException>(() => server.Client.UnaryAsync(EchoService.Echo, over));

        Assert.Equal(near.Payload.Length, reply.Payload.Length);
        Assert.Equal(GrpcStatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Configured_limits_apply_to_receive_and_send()
    {
        var options = new GrpcServerOptions { Service = new GrpcServiceOptions { MaxReceiveMessageSize = 1024, MaxSendMessageSize = 2048 } };
        await using EchoServer server = await EchoServer.StartAsync(options);

        var tooBigRequest = await Assert.ThrowsAsync<GrpcStatusException>(() =>
            server.Client.UnaryAsync(EchoService.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[1100]) }));
        var tooBigResponse = await Assert.ThrowsAsync<GrpcStatusException>(() =>
            server.Client.UnaryAsync(EchoService.Echo, new EchoRequest { ReplyPayloadSize = 4096 }));
        EchoReply fits = await server.Client.UnaryAsync(EchoService.Echo, new EchoRequest { ReplyPayloadSize = 1000 });

        Assert.Equal(GrpcStatusCode.ResourceExhausted, tooBigRequest.StatusCode);
        Assert.Equal(GrpcStatusCode.ResourceExhausted, tooBigResponse.StatusCode);
        Assert.Equal(1000, fits.Payload.Length);
    }

    [Fact]
    public async Task Client_limit_on_receive_is_RESOURCE_EXHAUSTED_too()
    {
        await using EchoServer server = await EchoServer.StartAsync(clientOptions: new GrpcClientOptions { MaxReceiveMessageSize = 512 });

        var ex = await Assert.ThrowsAsync<GrpcStatusException>(() =>
            server.Client.UnaryAsync(EchoService.Echo, new EchoRequest { ReplyPayloadSize = 600 }));

        Assert.Equal(GrpcStatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Gzip_requests_are_accepted_and_responses_are_gzipped_when_the_client_accepts_it()
    {
        var options = new GrpcServerOptions { Service = new GrpcServiceOptions { CompressResponses = true } };
        await using EchoServer server = await EchoServer.StartAsync(options, new GrpcClientOptions { CompressRequests = true });
        string text = string.Concat(Enumerable.Repeat("Chỉ số cải cách hành chính ", 200));

        EchoReply reply = await server.Client.UnaryAsync(EchoService.Echo, new EchoRequest { Message = text });
        using var raw = new RawHttp();
        RawResponse wire = await raw.PostAsync(server.Port, EchoService.Echo.Path, RawHttp.Frame(new EchoRequest { Message = text }), headers: ("grpc-accept-encoding", "identity,gzip"));
        RawResponse plain = await raw.PostAsync(server.Port, EchoService.Echo.Path, RawHttp.Frame(new EchoRequest { Message = text }));

        Assert.Equal(text, reply.Message);
        Assert.Equal("gzip", wire.Headers["grpc-encoding"]);
        Assert.Equal(1, wire.Body[0]);
        Assert.True(wire.Body.Length < text.Length / 4);
        Assert.False(plain.Headers.ContainsKey("grpc-encoding"));
        Assert.Equal(0, plain.Body[0]);
    }

    [Fact]
    public async Task Gzip_bomb_over_the_limit_is_RESOURCE_EXHAUSTED()
    {
        var options = new GrpcServerOptions { Service = new GrpcServiceOptions { MaxReceiveMessageSize = 64 * 1024 } };
        await using EchoServer server = await EchoServer.StartAsync(options, new GrpcClientOptions { CompressRequests = true });

        var ex = await Assert.ThrowsAsync<GrpcStatusException>(() =>
            server.Client.UnaryAsync(EchoService.Echo, new EchoRequest { Payload = ByteString.CopyFrom(new byte[1024 * 1024]) }));

        Assert.Equal(GrpcStatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Tls_with_a_self_signed_certificate_serves_h2_by_ALPN()
    {
        using X509Certificate2 certificate = SelfSignedCertificate();
        await using EchoServer server = await EchoServer.StartAsync(
            new GrpcServerOptions { Certificate = certificate },
            new GrpcClientOptions { ServerCertificateValidation = (_, cert, _, _) => cert?.GetCertHashString() == certificate.GetCertHashString() });

        EchoReply reply = await server.Client.UnaryAsync(EchoService.Echo, new EchoRequest { Message = "bảo mật" });
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var http = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Server.Address, EchoService.Echo.Path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
            Content = new ByteArrayContent(RawHttp.Frame(new EchoRequest())),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal("https", server.Server.Address.Scheme);
        Assert.Equal("bảo mật", reply.Message);
        Assert.Equal(HttpVersion.Version20, response.Version);
    }

    [Fact]
    public async Task Graceful_shutdown_lets_calls_in_flight_finish()
    {
        EchoServer server = await EchoServer.StartAsync();
        try
        {
            string probe = Guid.NewGuid().ToString();
            Task<EchoReply> call = server.Client.UnaryAsync(EchoService.Slow, new SlowRequest { Probe = probe });
            await server.Service.Probe(probe).Started.Task.WaitAsync(Patience);

            Task stopping = server.Server.StopAsync();
            Assert.False(stopping.IsCompleted);
            server.Service.Probe(probe).Release.SetResult();

            Assert.Equal("done", (await call.WaitAsync(Patience)).Message);
            await stopping.WaitAsync(Patience);
            Assert.False(server.Service.Probe(probe).Cancelled.Task.IsCompleted);
            var after = await Assert.ThrowsAsync<GrpcStatusException>(() => server.Client.UnaryAsync(EchoService.Echo, new EchoRequest()));
            Assert.Equal(GrpcStatusCode.Unavailable, after.StatusCode);
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));

        // Kestrel needs the private key in a form SslStream can use on Linux: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null);
    }
}
