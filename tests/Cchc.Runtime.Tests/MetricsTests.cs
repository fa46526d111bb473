using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Cchc.Runtime.Tests.Grains;

namespace Cchc.Runtime.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Calls_activations_and_mailbox_depth_are_measured_per_grain_type()
    {
        await using var test = await TestRuntime.StartAsync();
        var measurements = new ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        var durations = new ConcurrentQueue<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == test.Runtime.Metrics.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => durations.Enqueue(value));
        listener.Start();

        var counter = test.Runtime.GetGrain<ICounterGrain>("m");
        await counter.IncrementAsync();
        await counter.GetAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => counter.FailAsync("x"));
        var blocked = test.Runtime.GetGrain<ISequenceGrain>("s").BlockAsync();
        await test.Probe.Entered.Task;
        var queued = test.Runtime.GetGrain<ISequenceGrain>("s").RecordAsync(1);
        listener.RecordObservableInstruments();

        var calls = measurements.Where(m => m.Instrument == GrainRuntimeMetrics.Calls).ToList();
        Assert.Equal(3, calls.Count);
        Assert.All(calls, m => Assert.Equal("counter", m.Tags["grain.type"]));
        Assert.Equal(["ok", "ok", "error"], calls.Select(m => m.Tags["outcome"]));
        Assert.Equal("ICounterGrain.IncrementAsync", calls[0].Tags["grain.method"]);
        Assert.Equal(3, durations.Count);
        Assert.Equal(1, measurements.Count(m => m.Instrument == GrainRuntimeMetrics.ActivationsCreated && (string?)m.Tags["grain.type"] == "counter"));
        Assert.Contains(measurements, m => m.Instrument == GrainRuntimeMetrics.Activations && (string?)m.Tags["grain.type"] == "seq" && m.Value == 1);
        Assert.Contains(measurements, m => m.Instrument == GrainRuntimeMetrics.MailboxDepth && (string?)m.Tags["grain.type"] == "seq" && m.Value == 1);

        test.Probe.Gate.SetResult();
        await Task.WhenAll(blocked, queued);
        await test.Runtime.StopAsync();
        Assert.Equal(2, measurements.Count(m => m.Instrument == GrainRuntimeMetrics.Deactivations && (string?)m.Tags["reason"] == "ShuttingDown"));
    }
}
