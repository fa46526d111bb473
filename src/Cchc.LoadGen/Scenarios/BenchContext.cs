using Cchc.Api.V1;
using Cchc.LoadGen.Hosting;
using Cchc.LoadGen.Measurement;
using Cchc.LoadGen.Workload;

namespace Cchc.LoadGen.Scenarios;

/// <summary>One run's shared state: the server (and its storage), the client, the units, the framework and the results.</summary>
internal sealed class BenchContext(RunOptions options, BenchClients client, ServerProcess? server, ThrowawayPostgres? postgres,
    IReadOnlyList<ImportUnitsRequest> provinces, BenchFramework framework, TextWriter output)
{
    private readonly List<ScenarioResult> _results = [];

    public RunOptions Options { get; } = options;

    public BenchClients Client { get; } = client;

    public ServerProcess? Server { get; } = server;

    public ThrowawayPostgres? Postgres { get; } = postgres;

    public IReadOnlyList<ImportUnitsRequest> Provinces { get; } = provinces;

    public BenchFramework Framework { get; } = framework;

    public AppraisalBook Book { get; } = new(framework);

    public TextWriter Output { get; } = output;

    public IReadOnlyList<Commune> Communes { get; } =
    [
        .. provinces.SelectMany(p => p.Units.Where(u => u.Level == UnitLevel.Commune).Select(u => new Commune(u.Code, u.Name, p.ProvinceCode))),
    ];

    /// <summary>The province of reads and watch: the one asked for, else the one with the most communes.</summary>
    public string FocusProvince =>
        Options.WatchProvince ?? Provinces.MaxBy(p => p.Units.Count(u => u.Level == UnitLevel.Commune))!.ProvinceCode;

    public IReadOnlyList<Commune> CommunesOf(string province) => [.. Communes.Where(c => c.ProvinceCode == province)];

    public string StorageName => Options.Storage;

    public bool Loaded { get; set; }

    public bool SelfAssessed { get; set; }

    public IReadOnlyList<ScenarioResult> Results => _results;

    /// <summary>The server processes measured: the one this run started, or those given with --server-pid.</summary>
    private IReadOnlyList<int> ServerPids() => Options.ServerPids ?? (Server?.Pid is { } pid ? [pid] : []);

    public CpuMeter StartCpu() => CpuMeter.Start(ServerPids, () => Postgres?.PostmasterPid);

    public void Report(ScenarioResult result, string? firstError = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        _results.Add(result);
        Output.WriteLine(result.FormatLine());
        if (firstError is not null)
        {
            Output.WriteLine($"  first error of {result.Name}: {firstError}");
        }

        Output.Flush();
    }

    public void Note(string line)
    {
        Output.WriteLine("# " + line);
        Output.Flush();
    }
}
