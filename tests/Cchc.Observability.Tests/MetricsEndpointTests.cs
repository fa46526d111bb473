using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cchc.Observability.Tests;

/// <summary>The /metrics listener over real HTTP/1.1 on loopback.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Get_metrics_answers_the_text_format_and_every_other_path_is_404()
    {
        using var meter = new System.Diagnostics.Metrics.Meter("Cchc.Test.Endpoint." + Guid.NewGuid().ToString("N"));
        using var exporter = new PrometheusExporter(new PrometheusExporterOptions { MeterNames = [meter.Name] });
        meter.CreateCounter<long>("endpoint.hits").Add(3);
        await using var endpoint = await MetricsEndpoint.StartAsync(exporter, new IPEndPoint(IPAddress.Loopback, 0));
        using var http = new HttpClient();

        using var metrics = await http.GetAsync(endpoint.Address);
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, endpoint.Address));
        using var root = await http.GetAsync(new Uri(endpoint.Address, "/"));
        using var post = await http.PostAsync(endpoint.Address, new StringContent(""));

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal(new Version(1, 1), metrics.Version);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", metrics.Content.Headers.ContentType!.ToString());
        Assert.Equal("# HELP endpoint_hits_total endpoint.hits (no unit), from meter " + meter.Name + ".\n" +
            "# TYPE endpoint_hits_total counter\nendpoint_hits_total 3\n", await metrics.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal($"http://127.0.0.1:{endpoint.Port}/metrics", endpoint.Address.ToString());
    }

    [Fact]
    public async Task The_listener_speaks_http1_only_and_stops_on_its_own()
    {
        using var exporter = new PrometheusExporter(new PrometheusExporterOptions { MeterNames = [] });
        var endpoint = await MetricsEndpoint.StartAsync(exporter, new IPEndPoint(IPAddress.Loopback, 0));
        var port = endpoint.Port;

        // A raw HTTP/1.1 request, as Prometheus sends it.
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
            using var reader = new StreamReader(stream, Encoding.ASCII);
            Assert.StartsWith("HTTP/1.1 200 OK", await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }

        await endpoint.DisposeAsync();
        using var refused = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => refused.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task A_taken_port_fails_with_a_message_naming_the_option()
    {
        using var exporter = new PrometheusExporter(new PrometheusExporterOptions { MeterNames = [] });
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = (IPEndPoint)holder.LocalEndpoint;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => MetricsEndpoint.StartAsync(exporter, taken));

        Assert.Contains($"Cannot listen for metrics on {taken}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--metrics-listen", failure.Message, StringComparison.Ordinal);
    }
}
