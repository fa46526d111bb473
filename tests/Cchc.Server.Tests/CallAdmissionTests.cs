using System.Diagnostics.Metrics;
using Cchc.Server.Admission;
using Cchc.Server.Hosting;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Server.Tests;

/// <summary><see cref="CallAdmission"/> on its own: the longest wait, a waiter's cancellation, first come first served, and its settings.</summary>
public sealed class CallAdmissionTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task A_call_that_finds_no_slot_within_the_longest_wait_is_refused_and_the_next_free_slot_is_taken_at_once()
    {
        using var admission = Create(new AdmissionLimits(1, 4, TimeSpan.FromMilliseconds(50), TimeSpan.Zero));
        var holder = await admission.AdmitAsync(null, CancellationToken.None);

        using var refused = await admission.AdmitAsync(null, CancellationToken.None);

        var refusal = Assert.IsType<AdmissionRefusal>(refused.Refusal);
        Assert.Equal("waited", refusal.Reason);
        Assert.Contains("all 1 of its call slots stayed taken for 50 ms", refusal.Message, StringComparison.Ordinal);

        // The limiter's cancellation callback wakes the waiter before it has finished its own bookkeeping.
        Assert.True(SpinWait.SpinUntil(() => admission.Queued == 0, TimeSpan.FromSeconds(30)), "the refused call stayed in the queue");
        holder.Dispose();
        var next = admission.AdmitAsync(null, CancellationToken.None);
        Assert.True(next.IsCompletedSuccessfully, "a free slot was not taken at once");
        (await next).Dispose();
        Assert.Equal(0, admission.InFlight);
    }

    [Fact]
    public async Task A_waiter_whose_client_gives_up_leaves_the_queue_and_slots_go_to_the_waiters_in_order()
    {
        using var admission = Create(new AdmissionLimits(1, 2, TimeSpan.FromMinutes(5), TimeSpan.Zero));
        var holder = await admission.AdmitAsync(null, CancellationToken.None);
        using var gaveUp = new CancellationTokenSource();
        var cancelled = admission.AdmitAsync(null, gaveUp.Token).AsTask();
        var first = admission.AdmitAsync(null, CancellationToken.None).AsTask();
        Assert.Equal(2, admission.Queued);

        await gaveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, admission.Queued);
        var second = admission.AdmitAsync(null, CancellationToken.None).AsTask();
        Assert.Equal(2, admission.Queued);

        holder.Dispose();
        (await first).Dispose();
        (await second).Dispose();
        Assert.Equal((0, 0), (admission.InFlight, admission.Queued));
    }

    [Fact]
    public async Task A_call_whose_deadline_is_nearer_than_the_calls_ahead_will_take_is_refused_at_once()
    {
        var clock = new FakeTimeProvider();
        using var admission = Create(new AdmissionLimits(4, 4, TimeSpan.FromMinutes(5), TimeSpan.Zero), clock);
        for (var i = 0; i < 16; i++)
        {
            (await admission.AdmitAsync(null, CancellationToken.None)).Dispose();
        }

        var held = new[] { await admission.AdmitAsync(null, CancellationToken.None), await admission.AdmitAsync(null, CancellationToken.None) };

        // 16 completions (the fewest it goes by) in the shortest window counted, 0.1 s: 160 a second. Waiting: none
        // queued, so the newcomer's own turn, 1 / 160 s; handling: twice the two in flight, 4 / 160 s; 31.25 ms in all.
        using var refused = await admission.AdmitAsync(TimeSpan.FromMilliseconds(31.24), CancellationToken.None);
        var refusal = Assert.IsType<AdmissionRefusal>(refused.Refusal);
        Assert.Equal("deadline", refusal.Reason);
        Assert.Contains("the call's deadline (31 ms away) is nearer than the 31 ms a call may now take in it, waiting for a slot and handled", refusal.Message, StringComparison.Ordinal);
        using var admitted = await admission.AdmitAsync(TimeSpan.FromMilliseconds(31.25), CancellationToken.None);
        Assert.Null(admitted.Refusal);
        Array.ForEach(held, h => h.Dispose());
    }

    [Theory]
    [InlineData(980, null)]
    [InlineData(995, "deadline")]
    public async Task A_slot_that_frees_only_when_the_deadline_leaves_less_than_the_handling_time_is_given_back_and_the_call_refused(int waitedMilliseconds, string? refusedFor)
    {
        // Too few completions to go by, so a call's handling time is the reserve: 10 ms. A 1 s deadline lets the waiter
        // wait 990 ms (real time; the test is done long before). The slot frees when the test's clock says it waited.
        var clock = new FakeTimeProvider();
        using var admission = Create(new AdmissionLimits(1, 4, TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(10)), clock);
        var holder = await admission.AdmitAsync(null, CancellationToken.None);
        var waiter = admission.AdmitAsync(TimeSpan.FromSeconds(1), CancellationToken.None).AsTask();
        Assert.Equal(1, admission.Queued);

        clock.Advance(TimeSpan.FromMilliseconds(waitedMilliseconds));
        holder.Dispose();
        using var slot = await waiter;

        Assert.Equal(refusedFor, slot.Refusal?.Reason);
        Assert.Equal(refusedFor is null ? 1 : 0, admission.InFlight);
        if (slot.Refusal is { } refusal)
        {
            Assert.Contains("a call slot freed only when the call's deadline left less than the 10 ms a call takes once it has one", refusal.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_admitted_call_that_ends_after_its_deadline_is_counted_as_overrun_and_one_that_ends_in_time_is_not()
    {
        var clock = new FakeTimeProvider();
        using var admission = Create(new AdmissionLimits(4, 4, TimeSpan.FromMinutes(5), TimeSpan.Zero), clock);
        using var overran = new OverrunCounter(_services.GetRequiredService<IMeterFactory>());
        var inTime = await admission.AdmitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        var late = await admission.AdmitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
        var unbounded = await admission.AdmitAsync(null, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(2));
        inTime.Dispose();
        Assert.Equal(0, overran.Count);
        clock.Advance(TimeSpan.FromTicks(1));
        late.Dispose();
        late.Dispose();
        unbounded.Dispose();
        Assert.Equal(1, overran.Count);
    }

    [Theory]
    [InlineData("2S", 2_000_000.0)]
    [InlineData("1500m", 1_500_000.0)]
    [InlineData("99999999u", 99_999_999.0)]
    [InlineData("3000n", 3.0)]
    [InlineData("1M", 60_000_000.0)]
    [InlineData("1H", 3_600_000_000.0)]
    [InlineData("0m", 0.0)]
    public void A_grpc_timeout_header_reads_as_the_spec_writes_it(string header, double microseconds) =>
        Assert.Equal(TimeSpan.FromMicroseconds(microseconds), GrpcWire.Timeout(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    [InlineData("10s")]
    public void A_missing_or_malformed_grpc_timeout_is_no_deadline(string? header) => Assert.Null(GrpcWire.Timeout(header));

    [Fact]
    public void A_grpc_message_is_percent_encoded_as_UTF_8_outside_printable_ASCII_and_for_percent()
    {
        // "Xã 100% đầy" ("commune 100% full") and a newline: ã is C3 A3, đ is C4 91, ầ is E1 BA A7 in UTF-8; % is 25, the newline 0A.
        Assert.Equal("X%C3%A3 100%25 %C4%91%E1%BA%A7y%0A", GrpcWire.PercentEncode("Xã 100% đầy\n"));
        Assert.Equal("Retry in 50 ms (grpc-retry-pushback-ms trailer).", GrpcWire.PercentEncode("Retry in 50 ms (grpc-retry-pushback-ms trailer)."));
    }

    [Fact]
    public void The_limits_are_read_from_flags_and_environment_with_measured_defaults()
    {
        var defaults = ServerConfiguration.Read([], new Dictionary<string, string?>(), AppContext.BaseDirectory);
        Assert.Equal((64, 1024, TimeSpan.FromSeconds(1)), (defaults.MaxCallsInFlight, defaults.MaxQueuedCalls, defaults.MaxQueueWait));

        var set = ServerConfiguration.Read(["--max-calls-in-flight", "32", "--max-queue-wait-ms", "250"],
            new Dictionary<string, string?> { ["CCHC_MAX_QUEUED_CALLS"] = "0" }, AppContext.BaseDirectory);
        Assert.Equal((32, 0, TimeSpan.FromMilliseconds(250)), (set.MaxCallsInFlight, set.MaxQueuedCalls, set.MaxQueueWait));

        var bad = Assert.Throws<ServerConfigurationException>(() => ServerConfiguration.Read(["--max-calls-in-flight", "0"], new Dictionary<string, string?>(), AppContext.BaseDirectory));
        Assert.Contains("from 1 to 1000000", bad.Message, StringComparison.Ordinal);
    }

    /// <summary>Counts overruns of this test's admissions (its own meter factory's meter).</summary>
    private sealed class OverrunCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public OverrunCounter(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Name == AdmissionMetrics.Overran)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }

    private CallAdmission Create(AdmissionLimits limits, TimeProvider? clock = null) => new(limits, _services.GetRequiredService<IMeterFactory>(), clock);
}
