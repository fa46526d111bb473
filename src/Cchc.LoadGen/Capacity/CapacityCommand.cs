using Cchc.LoadGen.Workload;

namespace Cchc.LoadGen.Capacity;

/// <summary>
/// <c>cchc-bench capacity</c>: memory per grain kind and per silo on the national data, per live watcher, and the
/// fan-out throughput of one silo; then how many silos a country-wide publication day needs.
/// </summary>
internal static class CapacityCommand
{
    public static async Task<int> RunAsync(CapacityOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var file in options.Shapes.Select(s => Shape.Of(s, options).File).Append(options.ServerDll))
        {
            if (!File.Exists(file))
            {
                throw new BenchException($"{file} does not exist (give --units, --merged or --server-dll).");
            }
        }

        var framework = await BenchFramework.LoadAsync(options.FrameworkFile, BenchFramework.DefaultLeafCount, cancellationToken);
        var machine = MachineBytes();
        MachineInfo.Write(output, new RunOptions { Scenarios = ["capacity"], Storage = "sqlite" });
        output.WriteLine($"# capacity: shapes {string.Join(",", options.Shapes)}; provinces {(options.Provinces?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all")}; " +
            $"watchers {string.Join(",", options.Watchers)}; fan-out {options.FanoutWatchers} watchers at {string.Join(",", options.FanoutRates)} writes/s for {options.FanoutDuration.TotalSeconds} s each");
        output.WriteLine("# memory is read from the server's /metrics after two full blocking GCs induced over EventPipe (GCHeapCollect)");
        var results = new List<ShapeResult>();
        foreach (var name in options.Shapes)
        {
            var result = await new ShapeRun(options, Shape.Of(name, options), framework, output).RunAsync(cancellationToken);
            CapacityReport.Write(output, result);
            results.Add(result);
        }

        foreach (var result in results)
        {
            CapacityReport.WritePlan(output, result, options, framework.Appraisable.Count, machine);
        }

        return 0;
    }

    private static double MachineBytes()
    {
        var kb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return double.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }
}
