using System.Diagnostics;
using System.Globalization;

namespace Cchc.LoadGen.Measurement;

/// <summary>
/// CPU seconds used by this load generator, the server process and PostgreSQL (postmaster and backends) over a
/// measured interval, as extra figures of a result: on a 2-core machine they show which side saturates.
/// </summary>
internal sealed class CpuMeter
{
    private readonly Func<int?> _serverPid;
    private readonly Func<int?> _postgresPid;
    private readonly long _startTimestamp;
    private readonly double _client;
    private readonly double _server;
    private readonly double _postgres;
    private readonly string _loadAtStart;

    private CpuMeter(Func<int?> serverPid, Func<int?> postgresPid)
    {
        _serverPid = serverPid;
        _postgresPid = postgresPid;
        _startTimestamp = Stopwatch.GetTimestamp();
        _client = ProcFs.CpuSeconds(Environment.ProcessId);
        _server = serverPid() is { } s ? ProcFs.CpuSeconds(s) : 0;
        _postgres = PostgresCpu(postgresPid());
        _loadAtStart = ProcFs.LoadAverage();
    }

    public static CpuMeter Start(Func<int?> serverPid, Func<int?> postgresPid) => new(serverPid, postgresPid);

    /// <summary>Extras: CPU seconds per side and cores used per side (CPU seconds / wall seconds), and the load average.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Stop()
    {
        var wall = Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds;
        var client = ProcFs.CpuSeconds(Environment.ProcessId) - _client;
        var extras = new List<KeyValuePair<string, string>>
        {
            new("client_cpu_s", F(client)),
            new("client_cores", F(client / wall)),
        };
        if (_serverPid() is { } server)
        {
            var used = ProcFs.CpuSeconds(server) - _server;
            extras.Add(new("server_cpu_s", F(used)));
            extras.Add(new("server_cores", F(used / wall)));
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

    // Backends that exit during the interval take their CPU time with them; ours hold pooled connections.
    private static double PostgresCpu(int? postmaster) =>
        postmaster is { } pid ? ProcFs.WithChildren(pid).Sum(ProcFs.CpuSeconds) : 0;

    private static string F(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
