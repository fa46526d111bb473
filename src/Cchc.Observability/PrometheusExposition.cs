using System.Diagnostics.Metrics;
using Prometheus;

namespace Cchc.Observability;

/// <summary>
/// Sets prometheus-net up to expose every .NET Meter (the service's, ASP.NET Core's, the runtime's, Orleans' once it
/// runs) so that <c>promtool check metrics</c> accepts a scrape. prometheus-net keeps one registry per process, so this
/// is process-wide and done once; a process hosting several servers (tests) shares it.
/// </summary>
public static class PrometheusExposition
{
    private static readonly Lock Gate = new();
    private static bool _configured;

    /// <summary>
    /// Configures the default registry and starts listening to the meters, once; later calls do nothing. prometheus-net
    /// applies its configuration and starts its meter listener at the first collection, so everything counted before
    /// that would be lost: this collects once, into nothing, to start it now.
    /// </summary>
    public static async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (Gate)
        {
            if (_configured)
            {
                return;
            }

            // The EventCounters duplicate what the System.Runtime meter already exposes, and the debug metrics
            // describe prometheus-net itself; both break promtool's naming rules.
            Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
            {
                SuppressEventCounters = true,
                SuppressDebugMetrics = true,
                SuppressProcessMetrics = false,
                SuppressMeters = false,
            });
            Metrics.ConfigureMeterAdapter(options =>
            {
                options.InstrumentFilterPredicate = IsExposed;
                options.ResolveHistogramBuckets = MetricBuckets.For;
            });
            _configured = true;
        }

        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(Stream.Null, cancellationToken);
    }

    /// <summary>
    /// False for instruments whose exposed name promtool refuses: prometheus-net exposes every instrument but a plain
    /// counter as a gauge, and a gauge named "*.count" (System.Runtime's dotnet.thread_pool.thread.count, Npgsql's
    /// db.client.connection.count...) comes out ending in _count, which Prometheus keeps for histograms and summaries.
    /// False too for the per-event instruments listed in <see cref="IsPerEventDetail"/>.
    /// </summary>
    public static bool IsExposed(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (IsPerEventDetail(instrument))
        {
            return false;
        }

        var plainCounter = instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Counter<>);
        return plainCounter || !(instrument.Name.EndsWith(".count", StringComparison.Ordinal) || instrument.Name.EndsWith("_count", StringComparison.Ordinal));
    }

    /// <summary>
    /// Instruments recorded on every memory block, request or grain message that no alert or dashboard of ours reads:
    /// Kestrel's memory pool, its request queue, routing's match attempts, Orleans' directory lookups (six counters
    /// for each grain message) and ASP.NET Core's requests in flight (two measurements a request; the gRPC calls in
    /// flight are cchc.server's grpc.server.calls.active). Each measurement costs prometheus-net a label lookup under a
    /// lock; in a profile of GetUnitRank at full load (3 December 2026) the first four took 8.9 % of the server's CPU
    /// samples, of the 15.8 % that recording every instrument took, and on 4 December the requests in flight about 3 %.
    /// An instrument nobody listens to costs almost nothing.
    /// </summary>
    public static bool IsPerEventDetail(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.Meter.Name switch
        {
            "Microsoft.AspNetCore.MemoryPool" => true,
            "Microsoft.AspNetCore.Server.Kestrel" => instrument.Name == "kestrel.queued_requests",
            "Microsoft.AspNetCore.Routing" => instrument.Name == "aspnetcore.routing.match_attempts",
            "Microsoft.AspNetCore.Hosting" => instrument.Name == "http.server.active_requests",
            "Microsoft.Orleans" => instrument.Name.StartsWith("orleans-directory-lookups-", StringComparison.Ordinal),
            _ => false,
        };
    }
}
