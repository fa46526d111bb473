using System.Globalization;
using Cchc.Storage;

// Usage: Cchc.Storage.CrashWriter <sqlite|postgresql> <data directory|connection string> <writers>
// Each writer owns stream crash-<i> and loops: append the next batch (one audit entry, its idempotency record and,
// every 8th batch, a snapshot) at the version it read, then print "ACK <n> crash-<i>" only after the append was
// acknowledged (committed).
if (args.Length != 3)
{
    await Console.Error.WriteLineAsync("usage: Cchc.Storage.CrashWriter <sqlite|postgresql> <target> <writers>");
    return 2;
}

var provider = StorageOptions.ParseProvider(args[0]);
var options = provider == StorageProvider.Sqlite
    ? StorageOptions.ForSqlite(args[1])
    : StorageOptions.ForPostgreSql(args[1]);
var writers = int.Parse(args[2], CultureInfo.InvariantCulture);

await using var storage = await ScoreStorageFactory.OpenAsync(options);
await Console.Out.WriteLineAsync("READY");
await Task.WhenAll(Enumerable.Range(0, writers).Select(i => Task.Run(() => WriteForeverAsync(storage, i))));
return 0;

static async Task WriteForeverAsync(ScoreStorage storage, int writer)
{
    var streamId = $"crash-{writer}";
    var n = (await storage.ReadStreamAsync(streamId)).Version;
    while (true)
    {
        var next = n + 1;
        var key = $"{streamId}-{next}";
        var text = next.ToString(CultureInfo.InvariantCulture);
        var entry = new AuditEntry(DateTimeOffset.UtcNow, "crash-writer", $"unit-{streamId}", "2024", "1.1",
            "SelfAssessment", n.ToString(CultureInfo.InvariantCulture), text, [], null, key, $"{{\"n\":{text}}}");
        var snapshot = next % 8 == 0 ? new StreamSnapshot(next, $"{{\"n\":{text}}}") : null;
        await storage.AppendAsync(new StreamAppend(streamId, n, [entry], new IdempotentResponse(key, $"ok {text}"), snapshot));
        n = next;
        Console.Out.WriteLine($"ACK {n} {streamId}");
    }
}
