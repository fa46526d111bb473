using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cchc.Grpc;

/// <summary>
/// Owns the "Cchc.Grpc" meter: calls started and handled by service, method, type and status code, handling
/// time, calls in flight and stream messages (the go-grpc-prometheus set, so its dashboards read them). Every
/// instrument is free while no listener is enabled.
/// </summary>
public sealed class GrpcServerMetrics : IDisposable
{
    public const string MeterName = "Cchc.Grpc";

    /// <summary>Calls whose handler started (counter), tagged grpc.service, grpc.method, grpc.type.</summary>
    public const string CallsStarted = "grpc.server.calls.started";

    /// <summary>Calls that ended (counter), tagged as <see cref="CallsStarted"/> plus grpc.code.</summary>
    public const string CallsHandled = "grpc.server.calls.handled";

    /// <summary>Time from a call's arrival to its status, seconds (histogram), tagged as <see cref="CallsStarted"/>.</summary>
    public const string CallDuration = "grpc.server.call.duration";

    /// <summary>Calls in flight (up-down counter), tagged as <see cref="CallsStarted"/>.</summary>
    public const string CallsActive = "grpc.server.calls.active";

    /// <summary>Request messages read (counter), tagged as <see cref="CallsStarted"/>.</summary>
    public const string MessagesReceived = "grpc.server.messages.received";

    /// <summary>Response messages written (counter), tagged as <see cref="CallsStarted"/>.</summary>
    public const string MessagesSent = "grpc.server.messages.sent";

    /// <summary>
    /// Handling-time buckets, seconds: reads answer in well under a millisecond, score writes wait for a durable
    /// group commit (a few ms), and the long tail up to an hour is the live ranking and health streams.
    /// </summary>
    public static readonly IReadOnlyList<double> DurationBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 600, 3600];

    private static readonly string[] CodeNames =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS",
        "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE",
        "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS", "UNAUTHENTICATED",
    ];

    private static readonly Lazy<GrpcServerMetrics> LazyShared = new(() => new GrpcServerMetrics());

    private readonly Counter<long> _started;
    private readonly Counter<long> _handled;
    private readonly Histogram<double> _duration;
    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _received;
    private readonly Counter<long> _sent;
    private readonly bool _ownsMeter;

    public GrpcServerMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        Meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _started = Meter.CreateCounter<long>(CallsStarted, "{call}", "gRPC calls whose handler started.");
        _handled = Meter.CreateCounter<long>(CallsHandled, "{call}", "gRPC calls completed, by status code.");
        _duration = Meter.CreateHistogram(CallDuration, "s", "Time from a gRPC call's arrival to its status.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
        _active = Meter.CreateUpDownCounter<long>(CallsActive, "{call}", "gRPC calls in flight.");
        _received = Meter.CreateCounter<long>(MessagesReceived, "{message}", "gRPC request messages read.");
        _sent = Meter.CreateCounter<long>(MessagesSent, "{message}", "gRPC response messages written.");
    }

    /// <summary>The process-wide instruments servers use unless their options name others.</summary>
    public static GrpcServerMetrics Shared => LazyShared.Value;

    public Meter Meter { get; }

    /// <summary>The grpc.code tag value for a status: its canonical name, e.g. <c>NOT_FOUND</c>.</summary>
    public static string CodeName(GrpcStatusCode code) =>
        (uint)code < (uint)CodeNames.Length ? CodeNames[(int)code] : ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The grpc.type tag value, as go-grpc-prometheus spells it.</summary>
    public static string TypeName(GrpcMethodType type) => type switch
    {
        GrpcMethodType.Unary => "unary",
        GrpcMethodType.ServerStreaming => "server_stream",
        GrpcMethodType.ClientStreaming => "client_stream",
        _ => "bidi_stream",
    };

    internal static KeyValuePair<string, object?>[] MethodTags(string service, string method, GrpcMethodType type) =>
    [
        new("grpc.service", service),
        new("grpc.method", method),
        new("grpc.type", TypeName(type)),
    ];

    internal long CallStarted(KeyValuePair<string, object?>[] methodTags)
    {
        _started.Add(1, methodTags);
        _active.Add(1, methodTags);
        return Stopwatch.GetTimestamp();
    }

    internal void CallEnded(KeyValuePair<string, object?>[] methodTags, GrpcStatusCode code, long startTimestamp)
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

    internal void MessageReceived(KeyValuePair<string, object?>[] methodTags) => _received.Add(1, methodTags);

    internal void MessageSent(KeyValuePair<string, object?>[] methodTags) => _sent.Add(1, methodTags);

    public void Dispose()
    {
        // A factory-made meter is shared and disposed by its factory; the shared instance lives as long as the process.
        if (_ownsMeter && !ReferenceEquals(this, LazyShared.IsValueCreated ? LazyShared.Value : null))
        {
            Meter.Dispose();
        }
    }
}
