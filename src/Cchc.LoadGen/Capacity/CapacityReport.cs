using System.Globalization;

namespace Cchc.LoadGen.Capacity;

/// <summary>The lines and tables <c>cchc-bench capacity</c> prints: a RESULT line per step and probe rate, then tables and the plan.</summary>
internal static class CapacityReport
{
    public static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";

    public static string Line(Shape shape, MemoryStep step, TimeSpan took)
    {
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(step);
        return F($"RESULT capacity.step shape={shape.Name} step={step.Name} kind={step.Kind} count={step.Count} managed_delta_bytes={step.ManagedBytes} working_set_delta_bytes={step.WorkingSetBytes} seconds={took.TotalSeconds:0.0} activations=\"{KindAttribution.Describe(step.Added)}\"");
    }

    public static string Line(FanoutPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return F($"RESULT capacity.fanout watchers={point.Watchers} offered_writes_per_s={point.OfferedWritesPerSecond} writes={point.Writes} write_errors={point.WriteErrors} updates_applied={point.UpdatesApplied} events_offered={point.EventsOffered} delivered={point.Delivered} client_updates={point.ClientUpdates} resyncs={point.Resyncs} seconds={point.Seconds:0.00} drain_s={point.DrainSeconds:0.00} delivered_per_s={point.DeliveredPerSecond:0} server_cpu_s={point.ServerCpuSeconds:0.00} client_cpu_s={point.ClientCpuSeconds:0.00} server_us_per_delivery={point.ServerMicrosecondsPerDelivery:0.00} load={Measurement.ProcFs.LoadAverage().Replace(' ', '/')}");
    }

    public static void Write(TextWriter output, ShapeResult result)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        output.WriteLine();
        output.WriteLine(F($"## Shape {result.Shape.Name} (year {result.Shape.Year}): {result.CommunesPerProvince.Count} provinces measured, {result.Districts} districts, {result.Communes} communes"));
        output.WriteLine();
        output.WriteLine("| step | kind | activations of the kind | managed Δ | bytes per activation | working set Δ per activation | also activated (inside the figure) |");
        output.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var cost in result.Costs)
        {
            output.WriteLine(F($"| {cost.Step} | {cost.Kind} | {cost.Count:N0} | {Mb(cost.StepBytes)} | {cost.BytesPerActivation:N0} | {cost.WorkingSetBytesPerActivation:N0} | {(cost.AlsoActivated.Count == 0 ? "—" : string.Join(", ", cost.AlsoActivated))} |"));
        }

        output.WriteLine();
        output.WriteLine("| silo | managed heap | working set | private |");
        output.WriteLine("| --- | ---: | ---: | ---: |");
        Row("idle (restarted, nothing active)", result.Idle);
        Row("after the warm-up province", result.Baseline);
        Row("every grain active, no watcher", result.BeforeWatchers);
        Row(F($"and {result.Final.Subscribers:N0} watchers"), result.Final);
        output.WriteLine();
        output.WriteLine(F($"Grains of the measured provinces: {Mb(result.GrainManagedBytes)} managed, {Mb(result.GrainWorkingSetBytes)} working set."));
        foreach (var point in result.Fanout)
        {
            output.WriteLine(F($"Fan-out at {point.OfferedWritesPerSecond} writes/s to {point.Watchers:N0} watchers: {point.DeliveredPerSecond:N0} deliveries/s, resyncs {point.Resyncs}, server {point.ServerCpuSeconds / (point.Seconds + point.DrainSeconds):0.00} cores, client {point.ClientCpuSeconds / (point.Seconds + point.DrainSeconds):0.00} cores, {point.ServerMicrosecondsPerDelivery:0.0} µs server CPU per delivery."));
        }

        output.Flush();

        void Row(string name, MetricsSnapshot s) =>
            output.WriteLine(F($"| {name} | {Mb(s.ManagedBytes)} | {Mb(s.WorkingSetBytes)} | {Mb(s.PrivateBytes)} |"));
    }

    /// <summary>The plan for a country-wide day, from one shape's measured figures, at the modelled rate and at the stated rate.</summary>
    public static void WritePlan(TextWriter output, ShapeResult result, CapacityOptions options, int appraisableItems, double machineBytes)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        if (result.Watcher is not { } watcher || result.BestFanout is not { } fanout)
        {
            output.WriteLine(F($"# shape {result.Shape.Name}: no plan (a watcher step and a fan-out rate with no resync are needed)"));
            return;
        }

        var budget = (long)options.PlanBudgetGib * 1024 * 1024 * 1024;
        var communes = result.ShapeCommunesPerProvince.Sum();
        var modelled = PublicationDay.WritesPerSecond(communes, appraisableItems, TimeSpan.FromHours(options.PlanHours));

        // Working-set deltas of single steps are noise (the GC commits and returns memory as it likes); the managed
        // heap is exact. The silo's working set grew by this much per byte of live managed heap over the whole run.
        var perManagedByte = (result.Final.WorkingSetBytes - result.Idle.WorkingSetBytes) / (double)(result.Final.ManagedBytes - result.Idle.ManagedBytes);
        var grains = (long)((result.BeforeWatchers.ManagedBytes - result.Idle.ManagedBytes) * perManagedByte);
        var perWatcher = (long)(watcher.BytesPerActivation * perManagedByte);
        output.WriteLine();
        output.WriteLine(F($"## Plan, shape {result.Shape.Name}: {options.PlanWatchers:N0} watchers, silo budget {options.PlanBudgetGib} GiB (machine {machineBytes / 1073741824.0:0.0} GiB)"));
        output.WriteLine();
        output.WriteLine("| write rate | deliveries/s needed | by watcher limit | by memory | by fan-out | silos | memory per silo |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (label, rate) in new[] { (F($"{modelled:0.0}/s ({communes:N0} communes × {appraisableItems} items in {options.PlanHours} h)"), modelled), (F($"{options.PlanRate:N0}/s (stated)"), options.PlanRate) })
        {
            var needed = PublicationDay.DeliveriesPerSecond(result.ShapeCommunesPerProvince, options.PlanWatchers, rate);
            var plan = SiloPlan.For(options.PlanWatchers, 10_000, result.Idle.WorkingSetBytes, grains, perWatcher, budget, needed, fanout.DeliveredPerSecond);
            output.WriteLine(F($"| {label} | {needed:N0} | {plan.ByWatcherLimit} | {plan.ByMemory} | {plan.ByFanout} | **{plan.Silos}** | {Mb(plan.MemoryPerSiloBytes)} |"));
        }

        output.WriteLine();
        output.WriteLine(F($"Inputs: idle silo {Mb(result.Idle.WorkingSetBytes)} working set; {perManagedByte:0.00} bytes of working set per byte of live managed heap over the run; every grain of the run {Mb(grains)} working set; {perWatcher:N0} bytes per watcher; {fanout.DeliveredPerSecond:N0} deliveries/s per silo (probe at {fanout.OfferedWritesPerSecond} writes/s, no resync); Σ share² of the provinces {PublicationDay.DeliveriesPerSecond(result.ShapeCommunesPerProvince, 1, 1):0.0000}."));
        output.Flush();
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
