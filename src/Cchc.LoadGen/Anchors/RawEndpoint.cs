using System.Buffers.Binary;
using System.Net;
using Cchc.Api.V1;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cchc.LoadGen.Anchors;

/// <summary>
/// <c>cchc-bench raw-endpoint</c>: Kestrel on cleartext HTTP/2, hosted like cchc-server (empty builder, Kestrel
/// core, routing), with one POST route that drains the request and answers a fixed gRPC-framed
/// GetUnitRankResponse with grpc-status 0 in the trailers. h2load against it gives the ceiling of HTTP/2 on
/// Kestrel here, against which the real GetUnitRank is compared.
/// </summary>
internal static class RawEndpoint
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var listen = args.Count == 2 && args[0] == "--listen" ? args[1] : throw new BenchException("Usage: cchc-bench raw-endpoint --listen HOST:PORT");
        var colon = listen.LastIndexOf(':');
        if (colon < 1 || !IPAddress.TryParse(listen[..colon], out var address) || !int.TryParse(listen[(colon + 1)..], out var port))
        {
            throw new BenchException($"--listen {listen}: give an IP address and a port, e.g. 127.0.0.1:5100.");
        }

        var reply = Frame(SampleReply());
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port, l => l.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddRouting();
        await using var app = builder.Build();
        app.UseRouting();
        app.MapPost("/{**path}", async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(reply, context.RequestAborted);
            context.Response.AppendTrailer("grpc-status", "0");
        });
        await app.StartAsync(cancellationToken);
        await output.WriteLineAsync($"raw-endpoint listening on http://{listen} (h2c): every POST answers a fixed {reply.Length}-byte gRPC frame");
        await output.FlushAsync(cancellationToken);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    /// <summary>A GetUnitRankResponse the size of a real one (a commune's entry with its rank change).</summary>
    public static GetUnitRankResponse SampleReply() => new()
    {
        Version = 123456,
        Entry = new RankingEntry
        {
            UnitCode = "16279",
            UnitName = "Xã Hoằng Hóa",
            Index = "84.37",
            ClassName = "Tốt",
            CompetitionRank = 17,
            DenseRank = 15,
            GroupCount = 480,
            TiedCount = 2,
            UnitCount = 549,
            Provisional = true,
        },
    };

    /// <summary>The 5-byte gRPC message header (not compressed, big-endian length) and the message.</summary>
    public static byte[] Frame(IMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = message.ToByteArray();
        var frame = new byte[5 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1, 4), (uint)body.Length);
        body.CopyTo(frame, 5);
        return frame;
    }
}
