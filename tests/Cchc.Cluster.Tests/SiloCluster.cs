using System.Diagnostics;
using Cchc.Api.V1;
using Grpc.Core;
using Grpc.Health.V1;

namespace Cchc.Cluster.Tests;

/// <summary>
/// Three real cchc-server processes clustered over one PostgreSQL database: each on its own fixed gRPC, silo and
/// gateway ports, all with the same --auth-key and --postgres. Disposing kills every process the test left running.
/// </summary>
internal sealed class SiloCluster : IAsyncDisposable
{
    public const int Size = 3;
    public static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(90);

    // A season is hundreds of calls a second from one council; the per-principal rate limit has its own tests.
    private static readonly Dictionary<string, string> Environment = new(StringComparer.Ordinal)
    {
        ["CCHC_AUTH__RATELIMIT__PERMITSPERSECOND"] = "100000",
        ["CCHC_AUTH__RATELIMIT__BURST"] = "100000",
    };

    private readonly TestLog _log;

    private SiloCluster(string connectionString, ClusterTokens tokens, IReadOnlyList<SiloProcess> silos, TestLog log)
    {
        ConnectionString = connectionString;
        Tokens = tokens;
        Silos = silos;
        Clients = [.. silos.Select(s => new SiloClient(s))];
        _log = log;
    }

    public string ConnectionString { get; }

    public ClusterTokens Tokens { get; }

    public IReadOnlyList<SiloProcess> Silos { get; }

    /// <summary>One client per server, by index.</summary>
    public IReadOnlyList<SiloClient> Clients { get; }

    /// <summary>Starts the first server (it creates the schema), then the other two together.</summary>
    public static async Task<SiloCluster> StartAsync(ClusterDatabase database, TestLog log)
    {
        var connectionString = await database.CreateDatabaseAsync();
        var tokens = new ClusterTokens();
        var ports = SiloPorts.Allocate(Size);
        string[] arguments = ["--postgres", connectionString, "--auth-key", tokens.Key];
        var silos = ports.Select((p, i) => new SiloProcess(i, p, arguments, Environment)).ToList();
        var cluster = new SiloCluster(connectionString, tokens, silos, log);
        try
        {
            var first = await silos[0].StartAsync(StartDeadline);
            var others = await Task.WhenAll(silos.Skip(1).Select(s => s.StartAsync(StartDeadline)));
            log.Line($"started: {silos[0].Name} in {first.TotalSeconds:0.0} s, then {string.Join(", ", silos.Skip(1).Zip(others, (s, t) => $"{s.Name} in {t.TotalSeconds:0.0} s"))}");
            foreach (var client in cluster.Clients)
            {
                await WaitUntilServingAsync(client, StartDeadline);
            }

            // Read once all serve: the cluster line comes just after the banner.
            foreach (var silo in silos)
            {
                log.Line($"{silo.Name} pid {silo.Pid}: {silo.ClusterLine ?? "(printed no cluster line)"}");
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Polls the server's gRPC health until SERVING and, when a commune is given, until a read of its scorecard (which
    /// crosses into the grains and storage) answers.
    /// </summary>
    /// <returns>How long it took, and each different refusal seen meanwhile (with how often).</returns>
    public static async Task<(TimeSpan Took, string Refusals)> WaitUntilServingAsync(SiloClient client, TimeSpan deadline, ClusterTokens? tokens = null, string? commune = null)
    {
        var refusals = new List<string>();
        var took = await Poll.UntilAsync($"{client.Silo.Name} serving", deadline, async () =>
        {
            if (!client.Silo.IsRunning)
            {
                throw new InvalidOperationException($"{client.Silo.Name} exited with {client.Silo.ExitCode}:\n{client.Silo.Log()}");
            }

            try
            {
                var health = await client.Health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (health.Status != HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    refusals.Add($"health {health.Status}");
                    return false;
                }

                if (tokens is not null && commune is not null)
                {
                    await client.Scoring.GetScorecardAsync(new GetScorecardRequest { CommuneCode = commune, Period = ClusterSeason.Period },
                        tokens.Call(ClusterTokens.National, TimeSpan.FromSeconds(5)));
                }

                return true;
            }
            catch (RpcException e)
            {
                refusals.Add($"{e.StatusCode}: {(e.Status.Detail.Length > 120 ? e.Status.Detail[..120] + " …" : e.Status.Detail)}");
                return false;
            }
        }, () => $"Refusals: {Summary(refusals)}.\n{client.Silo.Log(40)}");
        return (took, Summary(refusals));
    }

    private static string Summary(List<string> refusals) =>
        string.Join("; ", refusals.GroupBy(r => r).Select(g => $"{g.Key} ×{g.Count()}").DefaultIfEmpty("none"));

    /// <summary>Every server's log lines containing any of <paramref name="words"/>, for a failure's report.</summary>
    public string LogLines(params string[] words) =>
        string.Join('\n', Silos.SelectMany(s => words.SelectMany(s.LinesContaining).Distinct().Order(StringComparer.Ordinal).TakeLast(15)));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in Clients)
        {
            client.Dispose();
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Silos.Select(s => s.DisposeAsync().AsTask()));
        _log.Line($"killed every server left running ({clock.Elapsed.TotalSeconds:0.0} s)");
    }
}
