using System.Diagnostics.Metrics;
using Cchc.Server.Admission;
using Cchc.Server.Hosting;
using Grpc.Core;
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
        var holder = await admission.AdmitAsync(DateTime.MaxValue, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await admission.AdmitAsync(DateTime.MaxValue, CancellationToken.None));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("all 1 of its call slots stayed taken for 50 ms", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, admission.Queued);
        holder.Dispose();
        var next = admission.AdmitAsync(DateTime.MaxValue, CancellationToken.None);
        Assert.True(next.IsCompletedSuccessfully, "a free slot was not taken at once");
        (await next).Dispose();
        Assert.Equal(0, admission.InFlight);
    }

    [Fact]
    public async Task A_waiter_whose_client_gives_up_leaves_the_queue_and_slots_go_to_the_waiters_in_order()
    {
        using var admission = Create(new AdmissionLimits(1, 2, TimeSpan.FromMinutes(5), TimeSpan.Zero));
        var holder = await admission.AdmitAsync(DateTime.MaxValue, CancellationToken.None);
        using var gaveUp = new CancellationTokenSource();
        var cancelled = admission.AdmitAsync(DateTime.MaxValue, gaveUp.Token).AsTask();
        var first = admission.AdmitAsync(DateTime.MaxValue, CancellationToken.None).AsTask();
        Assert.Equal(2, admission.Queued);

        await gaveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, admission.Queued);
        var second = admission.AdmitAsync(DateTime.MaxValue, CancellationToken.None).AsTask();
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
            (await admission.AdmitAsync(DateTime.MaxValue, CancellationToken.None)).Dispose();
        }

        var held = new[] { await admission.AdmitAsync(DateTime.MaxValue, CancellationToken.None), await admission.AdmitAsync(DateTime.MaxValue, CancellationToken.None) };

        // 16 completions (the fewest it goes by) in the shortest window counted, 0.1 s: 160 a second. Two in flight and
        // the newcomer: 3 / 160 s = 18.75 ms.
        var now = clock.GetUtcNow().UtcDateTime;
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await admission.AdmitAsync(now.AddMilliseconds(18), CancellationToken.None));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("the call's deadline (18 ms away) is nearer than the 19 ms the calls already in it will take", refused.Status.Detail, StringComparison.Ordinal);
        (await admission.AdmitAsync(now.AddMilliseconds(19), CancellationToken.None)).Dispose();
        Array.ForEach(held, h => h.Dispose());
    }

    [Fact]
    public void The_limits_are_read_from_flags_and_environment_with_measured_defaults()
    {
        var defaults = ServerConfiguration.Read([], new Dictionary<string, string?>(), AppContext.BaseDirectory);
        Assert.Equal((256, 1024, TimeSpan.FromSeconds(1)), (defaults.MaxCallsInFlight, defaults.MaxQueuedCalls, defaults.MaxQueueWait));

        var set = ServerConfiguration.Read(["--max-calls-in-flight", "32", "--max-queue-wait-ms", "250"],
            new Dictionary<string, string?> { ["CCHC_MAX_QUEUED_CALLS"] = "0" }, AppContext.BaseDirectory);
        Assert.Equal((32, 0, TimeSpan.FromMilliseconds(250)), (set.MaxCallsInFlight, set.MaxQueuedCalls, set.MaxQueueWait));

        var bad = Assert.Throws<ServerConfigurationException>(() => ServerConfiguration.Read(["--max-calls-in-flight", "0"], new Dictionary<string, string?>(), AppContext.BaseDirectory));
        Assert.Contains("from 1 to 1000000", bad.Message, StringComparison.Ordinal);
    }

    private CallAdmission Create(AdmissionLimits limits, TimeProvider? clock = null) => new(limits, _services.GetRequiredService<IMeterFactory>(), clock);
}
