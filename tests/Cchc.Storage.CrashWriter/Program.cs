using System.Globalization;
using System.Text.Json;
using Cchc.Storage;

// Usage: Cchc.Storage.CrashWriter <sqlite|postgresql> <data directory|connection string> <writers>
// Each writer owns grain crash-<i> and loops: read-modify-write the counter with one audit entry and an
// idempotency record, then print "ACK <n> crash-<i>" only after the write was acknowledged (committed).
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
    var grainId = $"crash-{writer}";
    var stored = await storage.ReadAsync("score", grainId);
    var n = stored is null ? 0 : JsonDocument.Parse(stored.Payload).RootElement.GetProperty("n").GetInt32();
    var etag = stored?.ETag;
    while (true)
    {
        var next = n + 1;
        var key = $"{grainId}-{next}";
        var entry = new AuditEntry(DateTimeOffset.UtcNow, "crash-writer", $"unit-{grainId}", "2024-Y", "1.1",
            "SelfAssessment", n.ToString(CultureInfo.InvariantCulture), next.ToString(CultureInfo.InvariantCulture),
            [], null, key);
        etag = await storage.WriteWithAuditAsync("score", grainId, $"{{\"n\":{next}}}", etag,
            new AuditBatch([entry], new IdempotentResponse(key, $"ok {next}")));
        n = next;
        Console.Out.WriteLine($"ACK {n} {grainId}");
    }
}
