using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;

namespace Cchc.Server.Interceptors;

/// <summary>
/// Owns the "Cchc.Server" meter: calls started and handled by service, method, type and status code, handling time,
/// calls in flight and stream messages (the go-grpc-prometheus set, under the names the hand-written transport used,
/// so dashboards keep reading them). Made by the host's <see cref="IMeterFactory"/>.
/// </summary>
/// <remarks>
/// The counts are observable instruments over running totals (<see cref="GrpcMethodCounts"/>), read when the meter is
/// collected, as Npgsql reports its own: prometheus-net records each measurement of a plain counter with a label lookup
/// under a lock, and at full load on GetUnitRank the six counts and the duration of each call took 11 % of the
/// server's CPU samples (the duration alone 2 % since).
/// The totals are process-wide, like prometheus-net's registry, so that hosts started one after another in one process
/// (tests) add to the same series as they did as plain counters. Their bound: one entry per method this server serves
/// (grpc-dotnet runs interceptors only for methods it maps) and call type.
/// </remarks>
internal sealed class GrpcCallMetrics
{
    public const string MeterName = "Cchc.Server";

    /// <summary>Calls whose handler started (counter), tagged grpc.service, grpc.method, grpc.type.</summary>
    public const string CallsStarted = "grpc.server.calls.started";

    /// <summary>Calls that ended (counter), tagged as <see cref="CallsStarted"/> plus grpc.code.</summary>
    public const string CallsHandled = "grpc.server.calls.handled";

    /// <summary>Time from a call's start to its status, seconds (histogram).</summary>
    public const string CallDuration = "grpc.server.call.duration";

    /// <summary>Calls in flight (up-down counter).</summary>
    public const string CallsActive = "grpc.server.calls.active";

    /// <summary>Request messages read (counter).</summary>
    public const string MessagesReceived = "grpc.server.messages.received";

    /// <summary>Response messages written (counter).</summary>
    public const string MessagesSent = "grpc.server.messages.sent";

    /// <summary>
    /// Handling-time buckets, seconds: reads answer in well under a millisecond, score writes wait for a durable
    /// commit (a few ms), and the long tail up to an hour is the live ranking and health streams.
    /// </summary>
    public static readonly IReadOnlyList<double> DurationBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 600, 3600];

    /// <summary>gRPC's status codes, 0 (OK) to 16 (UNAUTHENTICATED).</summary>
    public const int CodeCount = 17;

    private static readonly string[] CodeNames =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    private static readonly ConcurrentDictionary<(string Path, string Type), GrpcMethodCounts> Methods = new();

    private readonly Histogram<double> _duration;

    public GrpcCallMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter(CallsStarted, () => Observe(static m => m.Started), "{call}", "gRPC calls whose handler started.");
        meter.CreateObservableCounter(CallsHandled, ObserveHandled, "{call}", "gRPC calls completed, by status code.");
        _duration = meter.CreateHistogram(CallDuration, "s", "Time from a gRPC call's start to its status.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        meter.CreateObservableUpDownCounter(CallsActive, () => Observe(static m => m.Active), "{call}", "gRPC calls in flight.");
        meter.CreateObservableCounter(MessagesReceived, () => Observe(static m => m.Received), "{message}", "gRPC request messages read.");
        meter.CreateObservableCounter(MessagesSent, () => Observe(static m => m.Sent), "{message}", "gRPC response messages written.");
    }

    /// <summary>The running totals of a method (its path, e.g. "/cchc.v1.ScoringService/SubmitScores") called as <paramref name="type"/>.</summary>
    public static GrpcMethodCounts Method(string path, string type) =>
        Methods.GetOrAdd((path, type), static key => new GrpcMethodCounts(MethodTags(key.Path, key.Type)));

    /// <summary>The tags of a method: "/cchc.v1.ScoringService/SubmitScores" gives service and method; the type as go-grpc-prometheus spells it.</summary>
    private static KeyValuePair<string, object?>[] MethodTags(string path, string type)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        var service = slash > 0 ? path[1..slash] : path.TrimStart('/');
        var method = slash >= 0 ? path[(slash + 1)..] : path;
        return [new("grpc.service", service), new("grpc.method", method), new("grpc.type", type)];
    }

    public void CallEnded(GrpcMethodCounts method, StatusCode code, long startTimestamp)
    {
        ArgumentNullException.ThrowIfNull(method);
        method.CallEnded(code);
        if (_duration.Enabled)
        {
            _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, method.Tags);
        }
    }

    private static IEnumerable<Measurement<long>> Observe(Func<GrpcMethodCounts, long> count) =>
        Methods.Values.Select(method => new Measurement<long>(count(method), method.Tags));

    // A series for each code a method has ended with, as a counter added to on each call would have.
    private static IEnumerable<Measurement<long>> ObserveHandled()
    {
        foreach (var method in Methods.Values)
        {
            for (var code = 0; code < CodeCount; code++)
            {
                if (method.Handled((StatusCode)code) is var handled and > 0)
                {
                    yield return new Measurement<long>(handled, [.. method.Tags, new("grpc.code", CodeNames[code])]);
                }
            }
        }
    }
}
