using Spectre.Console;

namespace Cchc.Cli;

/// <summary>What the commands need from the outside world, so tests can give their own console and environment.</summary>
internal sealed class CliContext
{
    public required IAnsiConsole Console { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Reads an environment variable (CCHC_SERVER, CCHC_TOKEN).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Where the sample files are: next to the tool, as the build copies deploy/samples there.</summary>
    public string SamplesDirectory { get; init; } = Path.Combine(AppContext.BaseDirectory, "samples");

    public static CliContext Default() => new() { Console = AnsiConsole.Console };
}
