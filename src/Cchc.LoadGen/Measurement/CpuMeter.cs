using System.Diagnostics;
using System.Globalization;

namespace Cchc.LoadGen.Measurement;

/// <summary>
/// CPU seconds used by this load generator, the server processes (one, or a cluster's silos, summed) and PostgreSQL
/// (postmaster and backends) over a measured interval, and the servers' resident memory during and at the end of it,
/// as extra figures of a result: on a 2-core machine they show which side saturates, and whether memory stays bounded.
/// </summary>
internal sealed class CpuMeter : IDisposable
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(250);

    private readonly Func<IReadOnlyList<int>> _serverPids;
    private readonly Func<int?> _postgresPid;
    private readonly long _startTimestamp;
    private readonly double _client;
    private readonly double _server;
    private readonly double _postgres;
    private readonly string _loadAtStart;
    private readonly Timer _sampler;
    private long _rssPeak;

    private CpuMeter(Func<IReadOnlyList<int>> serverPids, Func<int?> postgresPid)
    {
        _serverPids = serverPids;
        _postgresPid = postgresPid;
        _startTimestamp = Stopwatch.GetTimestamp();
        _client = ProcFs.CpuSeconds(Environment.ProcessId);
        _server = serverPids().Sum(ProcFs.CpuSeconds);
        _postgres = PostgresCpu(postgresPid());
        _loadAtStart = ProcFs.LoadAverage();
        _rssPeak = ServerRss();
        _sampler = new Timer(_ => Sample(), null, SampleEvery, SampleEvery);
    }

    public static CpuMeter Start(Func<IReadOnlyList<int>> serverPids, Func<int?> postgresPid) => new(serverPids, postgresPid);

    /// <summary>
    /// Extras: CPU seconds per side and cores used per side (CPU seconds / wall seconds), the servers' resident memory
    /// (sampled every 250 ms: the peak, and at the end; summed over the silos), and the load average.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Stop()
    {
        _sampler.Dispose();
        var wall = Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
        var client = ProcFs.CpuSeconds(Environment.ProcessId) - _client;
        var extras = new List<KeyValuePair<string, string>>
        {
            new("client_cpu_s", F(client)),
            new("client_cores", F(client / wall)),
        };
        if (_serverPids() is { Count: > 0 } servers)
        {
            var used = servers.Sum(ProcFs.CpuSeconds) - _server;
            extras.Add(new("server_cpu_s", F(used)));
            extras.Add(new("server_cores", F(used / wall)));
            var end = ServerRss();
            extras.Add(new("rss_peak_mb", Mb(Math.Max(end, Interlocked.Read(ref _rssPeak)))));
            extras.Add(new("rss_end_mb", Mb(end)));
        }

        if (_postgresPid() is { } pg)
        {
            var used = PostgresCpu(pg) - _postgres;
            extras.Add(new("postgres_cpu_s", F(used)));
            extras.Add(new("postgres_cores", F(used / wall)));
        }

        extras.Add(new("load_start", _loadAtStart.Replace(' ', '/')));
        extras.Add(new("load_end", ProcFs.LoadAverage().Replace(' ', '/')));
        return extras;
    }

    public void Dispose() => _sampler.Dispose();

    private void Sample()
    {
        var rss = ServerRss();
        long seen;
        while (rss > (seen = Interlocked.Read(ref _rssPeak)) && Interlocked.CompareExchange(ref _rssPeak, rss, seen) != seen)
        {
        }
    }

    private long ServerRss() => _serverPids().Sum(pid => ProcFs.StatusBytes(pid, "VmRSS"));

    // Backends that exit during the interval take their CPU time with them; ours hold pooled connections.
    private static double PostgresCpu(int? postmaster) =>
        postmaster is { } pid ? ProcFs.WithChildren(pid).Sum(ProcFs.CpuSeconds) : 0;

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture);
}
