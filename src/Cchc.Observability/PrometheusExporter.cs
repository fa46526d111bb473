using System.Diagnostics.Metrics;
using System.Text;
using Cchc.Observability.Internal;

namespace Cchc.Observability;

/// <summary>
/// Listens to the configured meters and renders their instruments in the Prometheus text exposition format
/// 0.0.4: counters with <c>_total</c>, units as base-unit suffixes, histograms with fixed buckets. Recording is
/// lock-free once a tag set has been seen; observable instruments are read at each scrape.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>The Content-Type of a scrape.</summary>
    public const string ContentType = PrometheusText.ContentType;

    private readonly PrometheusExporterOptions _options;
    private readonly HashSet<string> _meterNames;
    private readonly MeterListener _listener;
    private readonly Dictionary<string, IMetricFamily> _families = new(StringComparer.Ordinal);
    private readonly List<string> _skipped = [];
    private readonly Lock _gate = new();
    private readonly Lock _scrapeGate = new();
    private long _generation;
    private bool _disposed;

    public PrometheusExporter(PrometheusExporterOptions? options = null)
    {
        _options = options ?? new PrometheusExporterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxSeriesPerMetric, 1, nameof(options));
        _meterNames = new HashSet<string>(_options.MeterNames, StringComparer.Ordinal);
        _listener = new MeterListener { InstrumentPublished = OnInstrumentPublished };
        _listener.SetMeasurementEventCallback<byte>(static (_, value, tags, state) => ((Binding)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<short>(static (_, value, tags, state) => ((Binding)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((Binding)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((Binding)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<float>(static (_, value, tags, state) => ((Binding)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((Binding)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<decimal>(static (_, value, tags, state) => ((Binding)state!).Record((double)value, tags));
        _listener.Start();
    }

    /// <summary>The exported metric names so far (instruments appear when their meter creates them), sorted.</summary>
    public IReadOnlyList<string> MetricNames
    {
        get
        {
            lock (_gate)
            {
                return [.. _families.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>
    /// Instruments left out because their exported name was taken by an instrument of another kind, as
    /// "meter/instrument → name".
    /// </summary>
    public IReadOnlyList<string> SkippedInstruments
    {
        get
        {
            lock (_gate)
            {
                return [.. _skipped];
            }
        }
    }

    /// <summary>Reads the observable instruments and renders every metric with at least one series.</summary>
    public string Scrape()
    {
        lock (_scrapeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var generation = ++_generation;
            IMetricFamily[] families;
            lock (_gate)
            {
                families = [.. _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];
            }

            foreach (var family in families)
            {
                (family as ObservedFamily)?.BeginObservation(generation);
            }

            try
            {
                _listener.RecordObservableInstruments();
            }
#pragma warning disable CA1031 // One failing callback must not blank the whole scrape; its series are just absent.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            var output = new StringBuilder(32 * 1024);
            foreach (var family in families)
            {
                family.Write(output, generation);
            }

            return output.ToString();
        }
    }

    public void Dispose()
    {
        lock (_scrapeGate)
        {
            _disposed = true;
            _listener.Dispose();
        }
    }

    private void OnInstrumentPublished(Instrument instrument, MeterListener listener)
    {
        if (!_meterNames.Contains(instrument.Meter.Name) || Kind(instrument) is not { } kind)
        {
            return;
        }

        if (kind.Type == PrometheusMetricType.Counter && _options.ExportAsGauge.Contains(instrument.Name))
        {
            kind = kind with { Type = PrometheusMetricType.Gauge };
        }

        var (name, scale) = PrometheusNaming.MetricName(instrument.Name, instrument.Unit, kind.Type);
        IMetricFamily family;
        lock (_gate)
        {
            if (_families.TryGetValue(name, out var existing))
            {
                if (existing.Type != kind.Type || existing.IsObservable != kind.Observable ||
                    (existing is LastValueFamily) != kind.LastValue)
                {
                    _skipped.Add($"{instrument.Meter.Name}/{instrument.Name} → {name}");
                    return;
                }

                family = existing;
            }
            else
            {
                family = Create(instrument, name, kind, scale);
                _families.Add(name, family);
            }
        }

        listener.EnableMeasurementEvents(instrument, new Binding(family, scale));
    }

    private IMetricFamily Create(Instrument instrument, string name, InstrumentKind kind, double scale)
    {
        var help = string.IsNullOrWhiteSpace(instrument.Description)
            ? $"{instrument.Name} ({instrument.Unit ?? "no unit"}), from meter {instrument.Meter.Name}."
            : instrument.Description;
        var max = _options.MaxSeriesPerMetric;
        if (kind.Type == PrometheusMetricType.Histogram)
        {
            var bounds = _options.HistogramBuckets.GetValueOrDefault(instrument.Name) ?? Advice(instrument) ?? DefaultBuckets(name, scale);
            return new HistogramFamily(name, help, [.. bounds.Select(b => b * scale)], max);
        }

        return kind.Observable ? new ObservedFamily(name, help, kind.Type, max)
            : kind.LastValue ? new LastValueFamily(name, help, max)
            : new SumFamily(name, help, kind.Type, max);
    }

    // The defaults are in exported units (seconds, bytes); Create scales bounds from instrument units, so undo it here.
    private static IReadOnlyList<double> DefaultBuckets(string name, double scale) =>
        name.EndsWith("_seconds", StringComparison.Ordinal) ? [.. PrometheusExporterOptions.DefaultSecondsBuckets.Select(b => b / scale)]
        : name.EndsWith("_bytes", StringComparison.Ordinal) ? [.. PrometheusExporterOptions.DefaultBytesBuckets.Select(b => b / scale)]
        : PrometheusExporterOptions.DefaultCountBuckets;

    private static IReadOnlyList<double>? Advice(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
        Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        Histogram<short> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        Histogram<byte> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        Histogram<decimal> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        _ => null,
    };

    private static InstrumentKind? Kind(Instrument instrument)
    {
        var type = instrument.GetType();
        if (!type.IsGenericType)
        {
            return null;
        }

        var definition = type.GetGenericTypeDefinition();
        return definition == typeof(Counter<>) ? new(PrometheusMetricType.Counter, false, false)
            : definition == typeof(UpDownCounter<>) ? new(PrometheusMetricType.Gauge, false, false)
            : definition == typeof(Histogram<>) ? new(PrometheusMetricType.Histogram, false, false)
            : definition == typeof(Gauge<>) ? new(PrometheusMetricType.Gauge, false, true)
            : definition == typeof(ObservableCounter<>) ? new(PrometheusMetricType.Counter, true, false)
            : definition == typeof(ObservableUpDownCounter<>) ? new(PrometheusMetricType.Gauge, true, false)
            : definition == typeof(ObservableGauge<>) ? new(PrometheusMetricType.Gauge, true, false)
            : null;
    }

    private readonly record struct InstrumentKind(PrometheusMetricType Type, bool Observable, bool LastValue);

    /// <summary>What an enabled instrument's measurements go to: its family, scaled to the exported unit.</summary>
    private sealed class Binding(IMetricFamily family, double scale)
    {
        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => family.Record(value * scale, tags);
    }
}
