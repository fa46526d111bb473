using System.Globalization;
using System.Runtime.InteropServices;

namespace Cchc.LoadGen;

/// <summary>The header of a run: date, machine (cores, CPU model, memory), load average and runtime, so figures can be compared.</summary>
internal static class MachineInfo
{
    public static void Write(TextWriter output, RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        output.WriteLine($"# cchc-bench {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}");
        output.WriteLine($"# machine: {Environment.ProcessorCount} cores, {Cpu()}, {MemoryGb()} GB RAM, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
        output.WriteLine($"# load average at start: {Measurement.ProcFs.LoadAverage()}");
        output.WriteLine($"# storage {options.Storage}; scenarios {string.Join(",", options.Scenarios)}; duration {options.Duration.TotalSeconds} s; concurrency {options.Concurrency}{(options.Smoke ? "; SMOKE" : "")}");
    }

    private static string Cpu()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        }
        catch (IOException)
        {
            return "unknown CPU";
        }
    }

    private static string MemoryGb()
    {
        try
        {
            var kb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            return (long.Parse(kb, CultureInfo.InvariantCulture) / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
