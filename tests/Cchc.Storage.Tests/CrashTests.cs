using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Cchc.Storage;
using Xunit.Abstractions;

namespace Cchc.Storage.Tests;

/// <summary>
/// SIGKILLs a child process that writes scores in a loop, at a random point after some acknowledged writes,
/// then reopens storage: every acknowledged append must be there, and none may be half-applied (each stream's
/// version equals its audit row count and its last event's value, and is the last ACK or, if a commit beat the
/// ACK, one more; its snapshot and idempotency records agree).
/// </summary>
public abstract class CrashTests(IStorageTarget target, ITestOutputHelper output)
{
    private const int Writers = 4;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_acknowledged_write_survives_a_SIGKILL_and_nothing_is_half_applied()
    {
        var options = await target.CreateFreshAsync();
        var killAfter = Random.Shared.Next(50, 301);
        var lastAck = new Dictionary<string, int>();
        var acks = 0;

        using var child = StartWriter(options);
        using var timeout = new CancellationTokenSource(Deadline);
        var stderr = child.StandardError.ReadToEndAsync(timeout.Token);
        while (acks < killAfter)
        {
            var line = await child.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException(
                    $"The writer exited after {acks} ACKs (code {ExitCode(child)}): {await stderr}");
            acks += Record(line, lastAck);
        }

        Assert.False(child.HasExited, "The writer must still be writing when it is killed.");
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync(timeout.Token);

        // Lines already in the pipe were printed after their commit: they are acknowledgements too.
        while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            acks += Record(line, lastAck);
        }

        Assert.True(acks >= killAfter, $"saw {acks} ACKs, meant to kill after {killAfter}");
        output.WriteLine($"{options.Provider}: killed after {acks} ACKs (target {killAfter}); last ACK per grain: " +
                         string.Join(", ", lastAck.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));
        await using var storage = await ScoreStorageFactory.OpenAsync(options);
        for (var i = 0; i < Writers; i++)
        {
            var streamId = $"crash-{i}";
            var acked = lastAck.GetValueOrDefault(streamId);
            var stream = await storage.ReadStreamAsync(streamId);
            var n = stream.Version;
            var audit = await storage.ReadAuditAsync($"unit-{streamId}", "2024").ToListAsync();

            output.WriteLine($"{streamId}: version {n}, audit rows {audit.Count}, snapshot at {stream.Snapshot?.Version}");
            Assert.InRange(n, acked, acked + 1);
            Assert.Equal(n, audit.Count);
            Assert.Equal(Enumerable.Range(1, (int)n).Select(v => v.ToString(CultureInfo.InvariantCulture)), audit.Select(a => a.NewValue));
            Assert.Equal(Enumerable.Range(1, (int)n).Select(v => (long)v), audit.Select(a => a.Version));

            // Replaying the snapshot and the events after it gives the last value: the two were committed together.
            var snapshotN = stream.Snapshot is { } snapshot ? snapshot.Version : 0;
            Assert.Equal(n / 8 * 8, snapshotN);
            Assert.Equal(Enumerable.Range((int)snapshotN + 1, (int)(n - snapshotN)).Select(v => $"{{\"n\":{v}}}"), stream.Events.Select(e => e.Payload));
            if (acked > 0)
            {
                Assert.Equal($"ok {acked}", await storage.FindIdempotentResponseAsync(streamId, $"{streamId}-{acked}"));
            }
        }
    }

    private static int Record(string line, Dictionary<string, int> lastAck)
    {
        if (!line.StartsWith("ACK ", StringComparison.Ordinal))
        {
            return 0;
        }

        var parts = line.Split(' ');
        var n = int.Parse(parts[1], CultureInfo.InvariantCulture);
        Assert.Equal(lastAck.GetValueOrDefault(parts[2]) + 1, n);
        lastAck[parts[2]] = n;
        return 1;
    }

    private static Process StartWriter(StorageOptions options)
    {
        var dll = typeof(CrashTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "CrashWriterPath").Value!;
        Assert.True(File.Exists(dll), $"Crash writer not built at {dll}.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(options.Provider == StorageProvider.Sqlite ? "sqlite" : "postgresql");
        start.ArgumentList.Add(options.Provider == StorageProvider.Sqlite ? options.DataDirectory! : options.ConnectionString!);
        start.ArgumentList.Add(Writers.ToString(CultureInfo.InvariantCulture));
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash writer.");
    }

    private static string ExitCode(Process process) =>
        process.HasExited ? process.ExitCode.ToString(CultureInfo.InvariantCulture) : "still running";
}
