using System.Globalization;
using Cchc.LoadGen.Capacity;

namespace Cchc.LoadGen.Measurement;

/// <summary>
/// Running totals read from the server's Prometheus endpoint: the storage's group-commit batch sizes
/// (<c>cchc_storage_cchc_storage_commit_batch_size</c>: one observation per COMMIT, its value the writes it carried)
/// and the bytes the server allocated on its managed heap (<c>system_runtime_dotnet_gc_heap_total_allocated</c>).
/// </summary>
internal sealed record ServerTotals(double Writes, double Commits, double AllocatedBytes)
{
    /// <summary>The extra <see cref="Delta"/> gives the kilobytes allocated per operation under.</summary>
    public const string AllocatedPerOperation = "server_alloc_kb_per_op";

    private const string BatchSize = "cchc_storage_cchc_storage_commit_batch_size";
    private const string Allocated = "system_runtime_dotnet_gc_heap_total_allocated";

    /// <summary>The totals so far, or null when the endpoint is not there.</summary>
    public static async Task<ServerTotals?> ReadAsync(Uri? metrics, CancellationToken cancellationToken)
    {
        if (metrics is null)
        {
            return null;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        string text;
        try
        {
            text = await http.GetStringAsync(metrics, cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }

        var snapshot = MetricsSnapshot.Parse(text);
        return new ServerTotals(snapshot.Total(BatchSize + "_sum"), snapshot.Total(BatchSize + "_count"), snapshot.Total(Allocated));
    }

    /// <summary>
    /// Extras for the interval since <paramref name="before"/>: commits, writes per commit, and the kilobytes the server
    /// allocated per one of <paramref name="operations"/> (what the garbage collector has to clear, and promotes to gen2
    /// when it outlives a collection).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> Delta(ServerTotals? before, ServerTotals? after, long operations)
    {
        if (before is null || after is null)
        {
            yield break;
        }

        var commits = after.Commits - before.Commits;
        yield return new("commits", commits.ToString("0", CultureInfo.InvariantCulture));
        yield return new("writes_per_commit", ((after.Writes - before.Writes) / Math.Max(1, commits)).ToString("0.00", CultureInfo.InvariantCulture));
        var kilobytes = (after.AllocatedBytes - before.AllocatedBytes) / 1024 / Math.Max(1, operations);
        yield return new(AllocatedPerOperation, kilobytes.ToString("0.0", CultureInfo.InvariantCulture));
    }
}
