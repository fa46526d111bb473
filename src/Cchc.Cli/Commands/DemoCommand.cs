using System.CommandLine;
using Cchc.Cli.Demo;
using Cchc.Cli.Options;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc demo [--province 30] [--speed N]</c>: a whole appraisal season against a running server.</summary>
internal sealed class DemoCommand : Command
{
    public const string SampleUnits = "units-hai-duong-tu-ky.json";
    public const string SampleFramework = "framework-hai-duong-2022.json";

    public DemoCommand(CliContext context, GlobalOptions global)
        : base("demo", "Run an appraisal season against a running server with the sample data, watching the ranking live.")
    {
        Add(Province);
        Add(Year);
        Add(Speed);
        Add(Seed);
        Add(UnitsFile);
        Add(FrameworkFile);
        Add(DataDir);
        this.SetServerAction(context, global, async (result, connection, ct) =>
        {
            var settings = ToSettings(result, context.SamplesDirectory);
            var credentials = DemoCredentials.Create(connection, settings.SigningKey, settings.Province);
            return await new DemoScenario(context, settings, credentials).RunAsync(ct);
        });
    }

    public Option<string> Province { get; } = WithDefault(CliOptions.Province("The province to run (its units must be in the units file). Default: 30 (Hải Dương).", required: false), "30");

    public Option<int> Year { get; } = new("--year")
    {
        Description = "The year to score. Default: 2022 (the sample framework's year); use another on a server where 2022 is published.",
        HelpName = "year",
        CustomParser = r => CliOptions.PositiveInt(r, "--year", 2000, 2100),
        DefaultValueFactory = _ => 2022,
    };

    public Option<int> Speed { get; } = new("--speed")
    {
        Description = "How fast the season runs: 1 is readable, 10 is quick, 100 is nearly instant. Default: 1.",
        HelpName = "N",
        CustomParser = r => CliOptions.PositiveInt(r, "--speed", 1, 1000),
        DefaultValueFactory = _ => 1,
    };

    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "Seed of the random scores, so a run can be repeated. Default: 2022.",
        HelpName = "N",
        CustomParser = r => CliOptions.PositiveInt(r, "--seed", 0, int.MaxValue),
        DefaultValueFactory = _ => 2022,
    };

    public Option<FileInfo> UnitsFile { get; } = CliOptions.File($"The unit list. Default: the sample {SampleUnits}.", required: false);

    public Option<FileInfo> FrameworkFile { get; } = new("--framework-file")
    {
        Description = $"The framework. Default: the sample {SampleFramework}.",
        HelpName = "path",
    };

    public Option<DirectoryInfo> DataDir { get; } = new("--data-dir")
    {
        Description = "The server's data directory: the demo reads its development signing key and issues itself a token per role " +
            "(commune officers, the appraiser, the province administrator). Leave out against a server run with --insecure-no-auth.",
        HelpName = "dir",
    };

    public DemoSettings ToSettings(ParseResult result, string samplesDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        var units = result.GetValue(UnitsFile)?.FullName ?? Sample(samplesDirectory, SampleUnits);
        var framework = result.GetValue(FrameworkFile)?.FullName ?? Sample(samplesDirectory, SampleFramework);
        var key = result.GetValue(DataDir) is { } dataDir ? TokenCommand.ReadKey(dataDir.FullName) : null;
        return new DemoSettings(units, framework, result.GetRequiredValue(Province), result.GetValue(Year), result.GetValue(Seed), result.GetValue(Speed), key);
    }

    private static string Sample(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        return System.IO.File.Exists(path)
            ? path
            : throw new CliInputException($"The sample file '{path}' is missing; build the tool (it copies deploy/samples next to it) or pass the file explicitly.");
    }

    private static Option<string> WithDefault(Option<string> option, string value)
    {
        option.DefaultValueFactory = _ => value;
        return option;
    }
}
