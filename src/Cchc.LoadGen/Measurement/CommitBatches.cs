using System.Globalization;
using Cchc.LoadGen.Capacity;

namespace Cchc.LoadGen.Measurement;

/// <summary>
/// The storage's group-commit batch sizes, read from the server's Prometheus endpoint
/// (<c>cchc_storage_cchc_storage_commit_batch_size</c>: one observation per COMMIT, its value the writes it carried).
/// </summary>
internal sealed record CommitBatches(double Writes, double Commits)
{
    private const string Metric = "cchc_storage_cchc_storage_commit_batch_size";

    /// <summary>The totals so far, or null when the endpoint is not there.</summary>
    public static async Task<CommitBatches?> ReadAsync(Uri? metrics, CancellationToken cancellationToken)
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
        return new CommitBatches(snapshot.Total(Metric + "_sum"), snapshot.Total(Metric + "_count"));
    }

    /// <summary>Extras for the interval since <paramref name="before"/>: commits and writes per commit.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Delta(CommitBatches? before, CommitBatches? after)
    {
        if (before is null || after is null)
        {
            yield break;
        }

        var commits = after.Commits - before.Commits;
        yield return new("commits", commits.ToString("0", CultureInfo.InvariantCulture));
        yield return new("writes_per_commit", ((after.Writes - before.Writes) / Math.Max(1, commits)).ToString("0.00", CultureInfo.InvariantCulture));
    }
}
