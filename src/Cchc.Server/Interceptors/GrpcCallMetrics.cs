using System.Diagnostics;
using System.Diagnostics.Metrics;
using Grpc.Core;

namespace Cchc.Server.Interceptors;

/// <summary>
/// Owns the "Cchc.Server" meter: calls started and handled by service, method, type and status code, handling time,
/// calls in flight and stream messages (the go-grpc-prometheus set, under the names the hand-written transport used,
/// so dashboards keep reading them). Made by the host's <see cref="IMeterFactory"/>.
/// </summary>
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

    private static readonly string[] CodeNames =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    private readonly Counter<long> _started;
    private readonly Counter<long> _handled;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;

    public GrpcCallMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _started = meter.CreateCounter<long>(CallsStarted, "{call}", "gRPC calls whose handler started.");
        _handled = meter.CreateCounter<long>(CallsHandled, "{call}", "gRPC calls completed, by status code.");
        _duration = meter.CreateHistogram(CallDuration, "s", "Time from a gRPC call's start to its status.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _active = meter.CreateUpDownCounter<long>(CallsActive, "{call}", "gRPC calls in flight.");
        _received = meter.CreateCounter<long>(MessagesReceived, "{message}", "gRPC request messages read.");
        _sent = meter.CreateCounter<long>(MessagesSent, "{message}", "gRPC response messages written.");
    }

    /// <summary>The grpc.code tag value for a status: its canonical name, e.g. <c>NOT_FOUND</c>.</summary>
    public static string CodeName(StatusCode code) =>
        (uint)code < (uint)CodeNames.Length ? CodeNames[(int)code] : ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The tags of a method: "/cchc.v1.ScoringService/SubmitScores" gives service and method; the type as go-grpc-prometheus spells it.</summary>
    public static KeyValuePair<string, object?>[] MethodTags(string path, string type)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slash = path.LastIndexOf('/');
        var service = slash > 0 ? path[1..slash] : path.TrimStart('/');
        var method = slash >= 0 ? path[(slash + 1)..] : path;
        return [new("grpc.service", service), new("grpc.method", method), new("grpc.type", type)];
    }

    public long CallStarted(KeyValuePair<string, object?>[] methodTags)
    {
        _started.Add(1, methodTags);
        _active.Add(1, methodTags);
        return Stopwatch.GetTimestamp();
    }

    public void CallEnded(KeyValuePair<string, object?>[] methodTags, StatusCode code, long startTimestamp)
    {
        _active.Add(-1, methodTags);
        if (_duration.Enabled)
        {
            _duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, methodTags);
        }

        if (_handled.Enabled)
        {
            var tags = new TagList(methodTags) { { "grpc.code", CodeName(code) } };
            _handled.Add(1, tags);
        }
    }

    public void MessageReceived(KeyValuePair<string, object?>[] methodTags) => _received.Add(1, methodTags);

    public void MessageSent(KeyValuePair<string, object?>[] methodTags, int count) => _sent.Add(count, methodTags);
}
