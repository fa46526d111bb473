using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Cchc.LoadGen.Tests;

/// <summary>
/// Runs the built cchc-bench with --smoke against a cchc-server it starts (SQLite in a temp directory): every
/// scenario on the smallest real province for about a second each. Checks that the tool works end to end, not
/// how fast: the figures only have to parse, be non-zero and be ordered.
/// </summary>
public sealed class SmokeRunTests
{
    private static readonly string[] Scenarios =
        ["bulk", "appraisal.rate", "appraisal.full", "reads.top20", "reads.province", "reads.unit", "watch", "restart", "restart.memory"];

    [Fact]
    public async Task A_smoke_run_reports_every_scenario_with_throughput_and_ordered_percentiles()
    {
        var (exitCode, output) = await RunBenchAsync("run", "--smoke", "--server-dll", Metadata("ServerDllPath"), "--units", SharedData("units-2025-03-01.json"));

        Assert.True(exitCode == 0, $"cchc-bench exited {exitCode}:\n{output}");
        var results = output.Split('\n').Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal)).Select(Parse).ToDictionary(r => r["name"]);
        Assert.Equal(Scenarios, results.Keys);
        foreach (var name in Scenarios.Where(n => n != "restart.memory"))
        {
            var r = results[name];
            Assert.True(Number(r, "ops") > 0, $"{name}: no operations\n{output}");
            Assert.True(Number(r, "rate") > 0, $"{name}: no throughput\n{output}");
            Assert.Equal(0, Number(r, "errors"));
            var percentiles = new[] { "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms" }.Select(k => Number(r, k)).ToArray();
            Assert.True(percentiles[^1] > 0, $"{name}: zero latency\n{output}");
            Assert.Equal(percentiles.Order(), percentiles);

        }

        // Resident memory of the server, sampled during each load phase: its peak is at least what it held at the end.
        foreach (var name in Scenarios.Where(n => !n.StartsWith("restart", StringComparison.Ordinal)))
        {
            Assert.True(Number(results[name], "rss_end_mb") > 0, $"{name}: no resident memory\n{output}");
            Assert.True(Number(results[name], "rss_peak_mb") >= Number(results[name], "rss_end_mb"), $"{name}: peak below the end\n{output}");
        }

        Assert.Equal(Number(results["bulk"], "ops") * 91, Number(results["bulk"], "items"));

        // Read from the server's metrics before and after each write phase: a write allocates, so none can be zero.
        foreach (var name in new[] { "bulk", "appraisal.rate", "appraisal.full", "watch" })
        {
            Assert.True(Number(results[name], "server_alloc_kb_per_op") > 0, $"{name}: no allocation read from the server\n{output}");
        }

        // The bulk load's first communes warm the server up, at most a quarter of them; the rest are measured.
        Assert.InRange(Number(results["bulk"], "warmup_communes") * 3, 0, Number(results["bulk"], "ops"));
        Assert.True(Number(results["bulk"], "whole_load_items_per_s") > 0, output);
        Assert.Equal(Number(results["watch"], "expected"), Number(results["watch"], "delivered"));
        Assert.Equal(0, Number(results["watch"], "version_gaps"));
        Assert.InRange(Number(results["watch"], "update_messages"), 1, Number(results["watch"], "updates_received"));
        Assert.True(Number(results["restart.memory"], "rss_mb_all") > 0, output);
        Assert.True(Number(results["restart"], "ranked") > 0, output);
        Assert.Equal("light", results["watch"]["watch_decode"]);
        Assert.All(["reads.top20", "reads.province", "reads.unit"], name => Assert.Equal("light", results[name]["read_decode"]));
        Assert.Equal(1, Number(results["reads.unit"], "entries_per_read"));
    }

    [Fact]
    public async Task A_watch_and_reads_that_parse_every_message_whole_count_the_same_deliveries_and_entries()
    {
        var (exitCode, output) = await RunBenchAsync("run", "--smoke", "--scenario", "watch,reads.province,reads.unit", "--watch-decode", "full",
            "--read-decode", "full", "--server-dll", Metadata("ServerDllPath"), "--units", SharedData("units-2025-03-01.json"));

        Assert.True(exitCode == 0, $"cchc-bench exited {exitCode}:\n{output}");
        var results = output.Split('\n').Where(l => l.StartsWith("RESULT ", StringComparison.Ordinal)).Select(Parse).ToDictionary(r => r["name"]);
        var watch = results["watch"];
        Assert.Equal("full", watch["watch_decode"]);
        Assert.True(Number(watch, "expected") > 0, output);
        Assert.Equal(Number(watch, "expected"), Number(watch, "delivered"));
        Assert.Equal(0, Number(watch, "version_gaps"));
        Assert.Equal("full", results["reads.province"]["read_decode"]);
        Assert.Equal(1, Number(results["reads.unit"], "entries_per_read"));
        Assert.True(Number(results["reads.province"], "entries_per_read") > 1, output);
    }

    private static Dictionary<string, string> Parse(string line) =>
        line.TrimEnd().Split(' ').Skip(1).Select(pair => pair.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static double Number(Dictionary<string, string> result, string key) =>
        double.Parse(result[key], NumberStyles.Float, CultureInfo.InvariantCulture);

    private static async Task<(int ExitCode, string Output)> RunBenchAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["exec", Metadata("BenchDllPath"), .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"cchc-bench --smoke did not finish in 3 minutes:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string Metadata(string key) =>
        Path.GetFullPath(typeof(SmokeRunTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!);

    private static string SharedData(string file)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CchcGrpc.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", file));
                return File.Exists(path) ? path : throw new FileNotFoundException($"The shared data file {path} is missing; the smoke run imports real units from it.", path);
            }
        }

        throw new InvalidOperationException($"No CchcGrpc.sln above {AppContext.BaseDirectory}.");
    }
}
