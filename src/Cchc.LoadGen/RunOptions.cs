using Cchc.Api.Client;

namespace Cchc.LoadGen;

/// <summary>The options of <c>cchc-bench run</c>; <see cref="Usage"/> documents each.</summary>
internal sealed record RunOptions
{
    public static readonly string[] AllScenarios =
        ["bulk", "appraisal.rate", "appraisal.full", "reads.top20", "reads.province", "reads.unit", "watch", "restart"];

    public const string LightDecode = "light";
    public const string FullDecode = "full";

    public const string Usage = """
        Usage: cchc-bench run [options]
          --scenario LIST       comma-separated: all (default), bulk, appraisal (= appraisal.rate,appraisal.full),
                                reads (= reads.top20,reads.province,reads.unit), watch, restart
          --storage KIND        sqlite (default) or postgres (a throwaway cluster from /usr/lib/postgresql/15/bin)
          --server URL[,URL...] use a running server, or several silos of one cluster (calls go round-robin,
                                UNAVAILABLE is retried as any client does); no restart scenario; default: start one
          --server-pid LIST     with --server: the process ids of those servers (comma-separated), whose CPU and resident
                                memory are then measured and summed (a cluster's silos on this machine)
          --server-dll PATH     the cchc-server.dll to start (default: the one built beside this tool)
          --units FILE          the national unit list (default ../shared/data/units-2025-03-01.json)
          --framework FILE      the framework sample (default samples/framework-hai-duong-2022.json)
          --leaves N            leaf items in the framework (default 100)
          --provinces LIST      only these province codes (default all 63)
          --watch-province CODE the province of reads and watch (default the largest, 38 Thanh Hóa)
          --duration SECONDS    length of each timed phase (default 10)
          --warmup SECONDS      load before each timed phase, so the server's code is compiled at its last tier
                                and caches are filled (default 10; the watch scenario warms up at a tenth of its rate)
          --concurrency N       calls in flight for closed-loop phases (default 64)
          --rate N              offered appraisal rate of appraisal.rate, per second (default 5000)
          --watchers N          live subscribers of the watch scenario (default 1000)
          --watch-rate N        writes per second during the watch scenario (default 1000)
          --watch-wait MS       how long the server may hold an update for later ones to join its message
                                (max_wait_ms; default 20; 0: only updates already waiting are sent together)
          --watch-decode HOW    light (default): watchers read each update's version and commune from the bytes;
                                full: protobuf parses every message whole first, as a dashboard would
          --read-decode HOW     light (default): the read scenarios check each entry's commune and place from the
                                bytes; full: protobuf parses every answer whole, as an application would
          --smoke               a few seconds: the smallest province, short phases, 5 watchers
        """;

    public IReadOnlyList<string> Scenarios { get; init; } = AllScenarios;

    public string Storage { get; init; } = "sqlite";

    public IReadOnlyList<Uri>? Server { get; init; }

    public IReadOnlyList<int>? ServerPids { get; init; }

    public string ServerDll { get; init; } = BenchArguments.ServerDll();

    public string UnitsFile { get; init; } = BenchArguments.SharedData("units-2025-03-01.json");

    public string FrameworkFile { get; init; } = Path.Combine(AppContext.BaseDirectory, "samples", "framework-hai-duong-2022.json");

    public int Leaves { get; init; } = 100;

    public IReadOnlyList<string>? Provinces { get; init; }

    public string? WatchProvince { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    public int Concurrency { get; init; } = 64;

    public int Rate { get; init; } = 5000;

    public int Watchers { get; init; } = 1000;

    public int WatchRate { get; init; } = 1000;

    public int WatchWaitMs { get; init; } = 20;

    /// <summary><see cref="LightDecode"/> or <see cref="FullDecode"/>: how the watch scenario's watchers read their messages.</summary>
    public string WatchDecode { get; init; } = LightDecode;

    /// <summary><see cref="LightDecode"/> or <see cref="FullDecode"/>: how the read scenarios read their answers.</summary>
    public string ReadDecode { get; init; } = LightDecode;

    public bool Smoke { get; init; }

    /// <exception cref="BenchException">An option is unknown or malformed.</exception>
    public static RunOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new RunOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            if (flag == "--smoke")
            {
                options = options with
                {
                    Smoke = true,
                    Duration = TimeSpan.FromSeconds(1),
                    Warmup = TimeSpan.FromSeconds(0.2),
                    Concurrency = 8,
                    Rate = 300,
                    Watchers = 5,
                    WatchRate = 100,
                };
                continue;
            }

            var value = i + 1 < args.Count ? args[++i] : throw new BenchException($"{flag} needs a value.\n{Usage}");
            options = flag switch
            {
                "--scenario" => options with { Scenarios = Expand(value) },
                "--storage" => options with { Storage = value is "sqlite" or "postgres" ? value : throw new BenchException($"--storage {value}: give sqlite or postgres.") },
                "--server" => options with { Server = Servers(value) },
                "--server-dll" => options with { ServerDll = Path.GetFullPath(value) },
                "--units" => options with { UnitsFile = Path.GetFullPath(value) },
                "--framework" => options with { FrameworkFile = Path.GetFullPath(value) },
                "--leaves" => options with { Leaves = BenchArguments.Number(flag, value, 77, 130) },
                "--provinces" => options with { Provinces = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--watch-province" => options with { WatchProvince = value },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(BenchArguments.Number(flag, value, 1, 3600)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(BenchArguments.Number(flag, value, 0, 600)) },
                "--server-pid" => options with { ServerPids = Pids(value) },
                "--concurrency" => options with { Concurrency = BenchArguments.Number(flag, value, 1, 10_000) },
                "--rate" => options with { Rate = BenchArguments.Number(flag, value, 1, 1_000_000) },
                "--watchers" => options with { Watchers = BenchArguments.Number(flag, value, 1, 100_000) },
                "--watch-rate" => options with { WatchRate = BenchArguments.Number(flag, value, 1, 1_000_000) },
                "--watch-wait" => options with { WatchWaitMs = BenchArguments.Number(flag, value, 0, 1000) },
                "--watch-decode" => options with
                {
                    WatchDecode = value is LightDecode or FullDecode ? value : throw new BenchException($"--watch-decode {value}: give {LightDecode} or {FullDecode}."),
                },
                "--read-decode" => options with
                {
                    ReadDecode = value is LightDecode or FullDecode ? value : throw new BenchException($"--read-decode {value}: give {LightDecode} or {FullDecode}."),
                },
                _ => throw new BenchException($"Unknown option {flag}.\n{Usage}"),
            };
        }

        return options;
    }

    public bool Runs(string scenario) => Scenarios.Contains(scenario);

    private static string[] Expand(string list)
    {
        var scenarios = new List<string>();
        foreach (var name in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var matched = name == "all" ? AllScenarios : AllScenarios.Where(s => s == name || s.StartsWith(name + ".", StringComparison.Ordinal)).ToArray();
            if (matched.Length == 0)
            {
                throw new BenchException($"--scenario {name}: not a scenario; give {string.Join(", ", AllScenarios)}, appraisal, reads or all.");
            }

            scenarios.AddRange(matched);
        }

        return [.. AllScenarios.Where(scenarios.Contains)];
    }

    private static int[] Pids(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => BenchArguments.Number("--server-pid", p, 1, int.MaxValue))];

    private static IReadOnlyList<Uri> Servers(string list)
    {
        try
        {
            return CchcChannel.ParseServers(list);
        }
        catch (FormatException e)
        {
            throw new BenchException($"--server: {e.Message}", e);
        }
    }
}
