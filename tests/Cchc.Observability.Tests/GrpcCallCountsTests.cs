using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Cchc.Observability.Tests;

/// <summary>
/// The server's gRPC call counts, read from a real scrape: they are running totals the meter reads when it is scraped,
/// so what they show while a call runs, and which methods they have series for, is checked here.
/// </summary>
[Collection(SharedMetersCollection.Name)]
public sealed class GrpcCallCountsTests
{
    private const string HealthWatch = "grpc_method=\"Watch\",grpc_service=\"grpc.health.v1.Health\",grpc_type=\"server_stream\"";

    [Fact]
    public async Task A_stream_is_counted_in_flight_while_it_runs_and_handled_once_it_ends()
    {
        await using var service = await LiveService.StartAsync();
        var before = await service.ScrapeTextAsync();

        Scrape during;
        using (var watch = service.Health.Watch(new HealthCheckRequest()))
        {
            Assert.True(await watch.ResponseStream.MoveNext());
            during = await service.ScrapeTextAsync();
        }

        // The client ended its stream; the server's handler ends after that, in its own time.
        var after = await ScrapeUntilAsync(service, scrape => Handled(scrape) > Handled(before));

        Assert.Equal(before.Value($"cchc_server_grpc_server_calls_active{{{HealthWatch}}}") + 1, during.Value($"cchc_server_grpc_server_calls_active{{{HealthWatch}}}"));
        Assert.Equal(before.Value($"cchc_server_grpc_server_calls_started{{{HealthWatch}}}") + 1, during.Value($"cchc_server_grpc_server_calls_started{{{HealthWatch}}}"));
        Assert.Equal(Handled(before), Handled(during));
        Assert.Equal(Handled(before) + 1, Handled(after));
        Assert.Equal(before.Value($"cchc_server_grpc_server_calls_active{{{HealthWatch}}}"), after.Value($"cchc_server_grpc_server_calls_active{{{HealthWatch}}}"));
        Assert.Equal(before.Value($"cchc_server_grpc_server_messages_received{{{HealthWatch}}}") + 1, after.Value($"cchc_server_grpc_server_messages_received{{{HealthWatch}}}"));
    }

    [Fact]
    public async Task A_method_the_server_does_not_serve_adds_no_series()
    {
        await using var service = await LiveService.StartAsync();
        using var channel = GrpcChannel.ForAddress(service.Host.Address);
        var madeUp = new Method<HealthCheckRequest, HealthCheckResponse>(MethodType.Unary, "cchc.v1.NoSuchService", "Nothing",
            Marshallers.Create(r => Google.Protobuf.MessageExtensions.ToByteArray(r), HealthCheckRequest.Parser.ParseFrom),
            Marshallers.Create(r => Google.Protobuf.MessageExtensions.ToByteArray(r), HealthCheckResponse.Parser.ParseFrom));

        var refused = await Assert.ThrowsAsync<RpcException>(() => channel.CreateCallInvoker().AsyncUnaryCall(madeUp, null, new CallOptions(), new HealthCheckRequest()).ResponseAsync);
        await service.Health.CheckAsync(new HealthCheckRequest());
        var scrape = await service.ScrapeTextAsync();

        Assert.Equal(StatusCode.Unimplemented, refused.StatusCode);
        Assert.Contains("cchc_server_grpc_server_calls_handled{grpc_code=\"OK\",grpc_method=\"Check\"", scrape.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("NoSuchService", scrape.Text, StringComparison.Ordinal);
    }

    // Health watches handled, whatever their status code.
    private static double Handled(Scrape scrape) =>
        scrape.Text.Split('\n')
            .Where(line => line.StartsWith("cchc_server_grpc_server_calls_handled{grpc_code=", StringComparison.Ordinal) && line.Contains(HealthWatch + "}", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<Scrape> ScrapeUntilAsync(LiveService service, Func<Scrape, bool> done)
    {
        var patience = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var scrape = await service.ScrapeTextAsync();
            if (done(scrape) || DateTime.UtcNow > patience)
            {
                return scrape;
            }

            await Task.Delay(50);
        }
    }
}
