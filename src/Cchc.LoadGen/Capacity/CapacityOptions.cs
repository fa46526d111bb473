namespace Cchc.LoadGen.Capacity;

/// <summary>The options of <c>cchc-bench capacity</c>; <see cref="Usage"/> documents each.</summary>
internal sealed record CapacityOptions
{
    public const string Usage = """
        Usage: cchc-bench capacity [options]
          --shapes LIST          63 (units-2025-03-01.json, year 2024, three tiers), 34 (units-2025-07-01-merges.json,
                                 year 2025, two tiers) or 63,34 (default)
          --units FILE           the three-tier list (default ../shared/data/units-2025-03-01.json)
          --merged FILE          the two-tier list (default ../shared/data/units-2025-07-01-merges.json)
          --provinces N          only the N provinces with the fewest communes of each shape (default all), besides
                                 the smallest one, which warms the server up
          --watchers LIST        live watcher totals measured in turn (default 2000,10000; the server takes 10,000)
          --fanout-watchers N    watchers of the largest province in the fan-out probe (default 10000; 0: no probe)
          --fanout-rates LIST    appraisal writes/s offered in turn in the probe (default 5,10,20,40,80)
          --fanout-seconds N     length of each probe rate (default 8)
          --plan-watchers N      live watchers of the country-wide day planned for (default 100000)
          --plan-budget-gib N    memory one silo may use in the plan (default 12: half of this 24 GiB machine)
          --plan-hours N         the working day in which every appraisable item of every commune is re-scored once,
                                 the modelled publication-day write rate (default 8)
          --plan-rate N          a second write rate to plan for, writes/s (default 1000: the watch target of the README)
          --server-dll PATH      the cchc-server.dll to start (default: the one built beside this tool)
          --framework FILE       the framework sample (default samples/framework-hai-duong-2022.json)
        """;

    public IReadOnlyList<string> Shapes { get; init; } = ["63", "34"];

    public string UnitsFile { get; init; } = BenchArguments.SharedData("units-2025-03-01.json");

    public string MergedFile { get; init; } = BenchArguments.SharedData("units-2025-07-01-merges.json");

    public int? Provinces { get; init; }

    public IReadOnlyList<int> Watchers { get; init; } = [2000, 10_000];

    public int FanoutWatchers { get; init; } = 10_000;

    public IReadOnlyList<int> FanoutRates { get; init; } = [5, 10, 20, 40, 80];

    public TimeSpan FanoutDuration { get; init; } = TimeSpan.FromSeconds(8);

    public int PlanWatchers { get; init; } = 100_000;

    public int PlanBudgetGib { get; init; } = 12;

    public int PlanHours { get; init; } = 8;

    public int PlanRate { get; init; } = 1000;

    public string ServerDll { get; init; } = BenchArguments.ServerDll();

    public string FrameworkFile { get; init; } = Path.Combine(AppContext.BaseDirectory, "samples", "framework-hai-duong-2022.json");

    /// <exception cref="BenchException">An option is unknown or malformed.</exception>
    public static CapacityOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new CapacityOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new BenchException($"{flag} needs a value.\n{Usage}");
            options = flag switch
            {
                "--shapes" => options with { Shapes = ShapeList(value) },
                "--units" => options with { UnitsFile = Path.GetFullPath(value) },
                "--merged" => options with { MergedFile = Path.GetFullPath(value) },
                "--provinces" => options with { Provinces = BenchArguments.Number(flag, value, 1, 99) },
                "--watchers" => options with { Watchers = Ascending(flag, value, 1, 10_000) },
                "--fanout-watchers" => options with { FanoutWatchers = BenchArguments.Number(flag, value, 0, 10_000) },
                "--fanout-rates" => options with { FanoutRates = Ascending(flag, value, 1, 10_000) },
                "--fanout-seconds" => options with { FanoutDuration = TimeSpan.FromSeconds(BenchArguments.Number(flag, value, 1, 600)) },
                "--plan-watchers" => options with { PlanWatchers = BenchArguments.Number(flag, value, 1, 100_000_000) },
                "--plan-budget-gib" => options with { PlanBudgetGib = BenchArguments.Number(flag, value, 1, 4096) },
                "--plan-hours" => options with { PlanHours = BenchArguments.Number(flag, value, 1, 24) },
                "--plan-rate" => options with { PlanRate = BenchArguments.Number(flag, value, 1, 1_000_000) },
                "--server-dll" => options with { ServerDll = Path.GetFullPath(value) },
                "--framework" => options with { FrameworkFile = Path.GetFullPath(value) },
                _ => throw new BenchException($"Unknown option {flag}.\n{Usage}"),
            };
        }

        return options;
    }

    private static string[] ShapeList(string value)
    {
        var shapes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return shapes.Length > 0 && shapes.All(s => s is "63" or "34")
            ? [.. shapes.Distinct(StringComparer.Ordinal)]
            : throw new BenchException($"--shapes {value}: give 63, 34 or 63,34.");
    }

    private static int[] Ascending(string flag, string value, int min, int max)
    {
        int[] numbers = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => BenchArguments.Number(flag, v, min, max))];
        return numbers.Length > 0 && numbers.Zip(numbers.Skip(1)).All(p => p.First < p.Second)
            ? numbers
            : throw new BenchException($"{flag} {value}: give increasing whole numbers separated by commas.");
    }
}
