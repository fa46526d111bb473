using System.Diagnostics;

namespace Cchc.Testing;

/// <summary>
/// Runs the real promtool and prometheus from Debian's <c>prometheus</c> package. Missing tools fail the test
/// with the install line: a metrics check is never silently skipped.
/// </summary>
public static class PrometheusTools
{
    public const string InstallHint = "apt-get update && apt-get install -y --no-install-recommends prometheus";

    public static string Promtool => Find("promtool");

    public static string Prometheus => Find("prometheus");

    /// <summary>Runs promtool with <paramref name="stdin"/> piped in; returns exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunPromtoolAsync(IEnumerable<string> args, string? stdin = null)
    {
        var start = new ProcessStartInfo(Promtool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static string Find(string tool)
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(dir => Path.Combine(dir, tool));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{tool} is not installed; it comes with Debian's prometheus package: {InstallHint}");
    }
}
