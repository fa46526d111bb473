using System.Diagnostics.Metrics;
using Cchc.Server.Interceptors;

namespace Cchc.Server.Admission;

/// <summary>
/// The admission limit's instruments on the "Cchc.Server" meter: refusals by reason and how soon they came, time queued
/// for a slot, admitted calls that overran their deadline, and the calls holding or waiting for a slot now.
/// </summary>
internal sealed class AdmissionMetrics
{
    /// <summary>Calls refused by the limit (counter), tagged reason: full, deadline or waited.</summary>
    public const string Refused = "cchc.admission.refused";

    /// <summary>Time from a call's arrival at the limit to its refusal, seconds (histogram), tagged reason.</summary>
    public const string RefusalDuration = "cchc.admission.refusal.duration";

    /// <summary>Admitted calls that still held their slot when their deadline passed (counter): late, not refused early.</summary>
    public const string Overran = "cchc.admission.overran";

    /// <summary>Time an admitted call waited for a slot, seconds (histogram; 0 for a call that found one free).</summary>
    public const string WaitDuration = "cchc.admission.wait.duration";

    /// <summary>Calls holding a slot now (gauge).</summary>
    public const string InFlight = "cchc.admission.in_flight";

    /// <summary>Calls waiting for a slot now (gauge).</summary>
    public const string Queued = "cchc.admission.queued";

    private static readonly IReadOnlyList<double> WaitBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 5];

    // Both finer around the longest wait (1 s by default) and a common 2 s deadline: "answered early" is read off these.
    private static readonly IReadOnlyList<double> RefusalBuckets = [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 5];

    private readonly Counter<long> _refused;
    private readonly Histogram<double> _wait;
    private readonly Histogram<double> _refusal;
    private readonly Counter<long> _overran;

    public AdmissionMetrics(IMeterFactory meterFactory, Func<long> inFlight, Func<long> queued)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(GrpcCallMetrics.MeterName);
        _refused = meter.CreateCounter<long>(Refused, "{call}", "gRPC calls refused by the limit on calls in flight, by reason.");
        _wait = meter.CreateHistogram(WaitDuration, "s", "Time an admitted gRPC call waited for a slot.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WaitBuckets });
        _refusal = meter.CreateHistogram(RefusalDuration, "s", "Time from a gRPC call's arrival at the limit on calls in flight to its refusal.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = RefusalBuckets });
        _overran = meter.CreateCounter<long>(Overran, "{call}", "Admitted gRPC calls that still held their slot when their deadline passed.");
        meter.CreateObservableUpDownCounter(InFlight, inFlight, "{call}", "gRPC calls holding a slot of the limit on calls in flight.");
        meter.CreateObservableUpDownCounter(Queued, queued, "{call}", "gRPC calls waiting for a slot of the limit on calls in flight.");
    }

    public void RecordRefused(string reason, TimeSpan after)
    {
        var tag = new KeyValuePair<string, object?>("reason", reason);
        _refused.Add(1, tag);
        _refusal.Record(after.TotalSeconds, tag);
    }

    public void RecordOverran() => _overran.Add(1);

    public void RecordWait(TimeSpan waited) => _wait.Record(waited.TotalSeconds);
}
