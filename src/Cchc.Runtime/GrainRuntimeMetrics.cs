using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cchc.Runtime;

/// <summary>
/// The runtime's instruments, on one <see cref="System.Diagnostics.Metrics.Meter"/> named "Cchc.Runtime" per
/// runtime. Every instrument is tagged with grain.type. A counter costs nothing while no listener is enabled.
/// </summary>
public sealed class GrainRuntimeMetrics : IDisposable
{
    public const string MeterName = "Cchc.Runtime";

    /// <summary>Activations alive now (observable up-down counter).</summary>
    public const string Activations = "cchc.grain.activations";

    /// <summary>Activations created (counter).</summary>
    public const string ActivationsCreated = "cchc.grain.activations.created";

    /// <summary>Activations ended, tagged with reason (counter).</summary>
    public const string Deactivations = "cchc.grain.deactivations";

    /// <summary>Calls completed, tagged with grain.method and outcome (counter).</summary>
    public const string Calls = "cchc.grain.calls";

    /// <summary>Time from a call's arrival in the mailbox to its completion, seconds (histogram).</summary>
    public const string CallDuration = "cchc.grain.call.duration";

    /// <summary>Turns waiting in mailboxes now (observable gauge).</summary>
    public const string MailboxDepth = "cchc.grain.mailbox.depth";

    /// <summary>Failures nobody awaited: one-way calls, timer ticks, activations, state writes at deactivation.</summary>
    public const string Failures = "cchc.grain.failures";

    private readonly Counter<long> _activationsCreated;
    private readonly Counter<long> _deactivations;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _failures;

    internal GrainRuntimeMetrics(Func<IEnumerable<Measurement<long>>> observeActivations,
        Func<IEnumerable<Measurement<long>>> observeMailboxDepth)
    {
        Meter = new Meter(MeterName);
        _activationsCreated = Meter.CreateCounter<long>(ActivationsCreated, "{activation}");
        _deactivations = Meter.CreateCounter<long>(Deactivations, "{activation}");
        _calls = Meter.CreateCounter<long>(Calls, "{call}");
        _callDuration = Meter.CreateHistogram<double>(CallDuration, "s");
        _failures = Meter.CreateCounter<long>(Failures, "{failure}");
        Meter.CreateObservableUpDownCounter(Activations, observeActivations, "{activation}");
        Meter.CreateObservableGauge(MailboxDepth, observeMailboxDepth, "{turn}");
    }

    public Meter Meter { get; }

    internal bool CallDurationEnabled => _callDuration.Enabled;

    internal void ActivationCreated(string grainType)
    {
        if (_activationsCreated.Enabled)
        {
            _activationsCreated.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));
        }
    }

    internal void Deactivated(string grainType, DeactivationReasonCode reason)
    {
        if (_deactivations.Enabled)
        {
            _deactivations.Add(1, new KeyValuePair<string, object?>("grain.type", grainType),
                new KeyValuePair<string, object?>("reason", reason.ToString()));
        }
    }

    internal void CallCompleted(string grainType, string method, bool succeeded, TimeSpan? duration)
    {
        if (_calls.Enabled)
        {
            _calls.Add(1, new KeyValuePair<string, object?>("grain.type", grainType),
                new KeyValuePair<string, object?>("grain.method", method),
                new KeyValuePair<string, object?>("outcome", succeeded ? "ok" : "error"));
        }

        if (duration is { } elapsed && _callDuration.Enabled)
        {
            _callDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("grain.type", grainType));
        }
    }

    internal void Failed(string grainType, string kind)
    {
        if (_failures.Enabled)
        {
            var tags = new TagList { { "grain.type", grainType }, { "kind", kind } };
            _failures.Add(1, tags);
        }
    }

    public void Dispose() => Meter.Dispose();
}
