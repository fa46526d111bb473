using Cchc.Runtime.Tests.Grains;
using Cchc.Testing;

namespace Cchc.Runtime.Tests;

/// <summary>A started grain runtime on a manual clock with the test grains registered.</summary>
public sealed class TestRuntime : IAsyncDisposable
{
    public const string CounterStateName = "counter";

    private TestRuntime(Action<GrainRuntimeOptions>? configure)
    {
        var builder = new GrainRuntimeBuilder()
            .UseTimeProvider(Clock)
            .UseLoggerFactory(Logs)
            .AddGrainStorage(Storage)
            .Configure(options =>
            {
                options.CollectionAge = TimeSpan.FromMinutes(10);
                options.CollectionQuantum = TimeSpan.FromMinutes(1);
                options.ResponseTimeout = TimeSpan.FromHours(1);
                configure?.Invoke(options);
            })
            .AddGrain<ICounterGrain, CounterGrain>(context =>
                new CounterGrain(context.GetPersistentState<CounterState>(CounterStateName), Probe))
            .AddGrain<ISequenceGrain, SequenceGrain>(_ => new SequenceGrain(Probe))
            .AddGrain<IPingGrain, PingGrain>()
            .AddGrain<ITickerGrain, TickerGrain>(_ => new TickerGrain(Probe));
        Runtime = builder.Build();
    }

    public ManualTimeProvider Clock { get; } = new();

    public InMemoryGrainStorage Storage { get; } = new();

    public RecordingLoggerFactory Logs { get; } = new();

    public GrainProbe Probe { get; } = new();

    public GrainRuntime Runtime { get; }

    public static async Task<TestRuntime> StartAsync(Action<GrainRuntimeOptions>? configure = null)
    {
        var runtime = new TestRuntime(configure);
        await runtime.Runtime.StartAsync();
        return runtime;
    }

    public CounterState? StoredCounter(string key)
    {
        var stored = Storage.Get(CounterStateName, $"counter/{key}");
        return stored is null
            ? null
            : System.Text.Json.JsonSerializer.Deserialize<CounterState>(stored.Payload,
                new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));
    }

    public async ValueTask DisposeAsync()
    {
        Probe.Gate.TrySetResult(); // never leave a grain blocked
        await Runtime.DisposeAsync();
        Logs.Dispose();
    }
}
