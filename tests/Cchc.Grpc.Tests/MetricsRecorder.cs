using System.Diagnostics.Metrics;

namespace Cchc.Grpc.Tests;

/// <summary>Listens to one <see cref="GrpcServerMetrics"/> instance's meter only, so parallel tests do not mix.</summary>
public sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<Measurement> _measurements = [];
    private readonly List<(Func<Measurement, bool> Match, TaskCompletionSource Seen)> _waiters = [];

    public MetricsRecorder(GrpcServerMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public string? Tag(string key) => Tags.TryGetValue(key, out var value) ? value?.ToString() : null;
    }

    /// <summary>Sum of the values of <paramref name="instrument"/> for one method (and code, when given).</summary>
    public double Sum(string instrument, string method, string? code = null) =>
        Snapshot().Where(m => m.Instrument == instrument && m.Tag("grpc.method") == method && (code is null || m.Tag("grpc.code") == code))
            .Sum(m => m.Value);

    public int Count(string instrument, string method) =>
        Snapshot().Count(m => m.Instrument == instrument && m.Tag("grpc.method") == method);

    public IReadOnlyList<Measurement> Snapshot()
    {
        lock (_measurements)
        {
            return [.. _measurements];
        }
    }

    /// <summary>Completes when a matching measurement has been recorded (now or later); bounded by the caller.</summary>
    public Task WhenRecorded(Func<Measurement, bool> match)
    {
        lock (_measurements)
        {
            if (_measurements.Any(match))
            {
                return Task.CompletedTask;
            }

            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, seen));
            return seen.Task;
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var measurement = new Measurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value));
        lock (_measurements)
        {
            _measurements.Add(measurement);
            foreach (var waiter in _waiters.Where(w => w.Match(measurement)).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
