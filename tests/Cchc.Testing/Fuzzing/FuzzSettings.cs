using System.Globalization;

namespace Cchc.Testing.Fuzzing;

/// <summary>
/// One fuzz run's seed and length, from the environment so a failure can be replayed and a run lengthened:
/// CCHC_FUZZ_SEED (the run seed; a new one each run when unset, always printed), CCHC_FUZZ_ITERATIONS (calls per RPC
/// method, and <see cref="ReaderInputsPerIteration"/> times as many inputs per file reader; <see cref="DefaultIterations"/>
/// when unset), CCHC_FUZZ_TARGET (only targets whose name contains it, for a replay), CCHC_FUZZ_VERBOSE=1 (every
/// input's outcome printed). Each target draws from its own <see cref="Random"/> seeded by <see cref="SeedFor"/>, so
/// one target's inputs do not depend on which other targets ran.
/// </summary>
public sealed record FuzzSettings(int Seed, int Iterations, string? Target, bool Verbose = false)
{
    /// <summary>Calls per RPC method in the test command; the file readers take <see cref="ReaderInputsPerIteration"/> inputs per iteration.</summary>
    public const int DefaultIterations = 60;

    /// <summary>File readers are in-process and fast: this many inputs per iteration.</summary>
    public const int ReaderInputsPerIteration = 20;

    public const string SeedVariable = "CCHC_FUZZ_SEED";
    public const string IterationsVariable = "CCHC_FUZZ_ITERATIONS";
    public const string TargetVariable = "CCHC_FUZZ_TARGET";
    public const string VerboseVariable = "CCHC_FUZZ_VERBOSE";

    // One seed per test process: every fuzz test of a run prints the same one, and one value replays them all.
    private static readonly int ProcessSeed = Random.Shared.Next();

    /// <exception cref="InvalidOperationException">A variable is set but is not a number.</exception>
    public static FuzzSettings FromEnvironment()
    {
        var seed = Number(SeedVariable) ?? ProcessSeed;
        var iterations = Number(IterationsVariable) ?? DefaultIterations;
        var target = Environment.GetEnvironmentVariable(TargetVariable);
        return new FuzzSettings(seed, Math.Max(1, iterations), string.IsNullOrWhiteSpace(target) ? null : target.Trim(),
            Environment.GetEnvironmentVariable(VerboseVariable) is "1" or "true");
    }

    /// <summary>True when the target is to run in this run (no CCHC_FUZZ_TARGET, or the name contains it).</summary>
    public bool Includes(string target) => Target is null || target.Contains(Target, StringComparison.OrdinalIgnoreCase);

    /// <summary>The target's own seed: the run seed mixed with a stable hash of its name (string.GetHashCode differs per process).</summary>
    public int SeedFor(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var hash = 2166136261u;
        foreach (var c in target)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash ^ (uint)Seed * 2654435761u) & int.MaxValue;
    }

    /// <summary>The environment that replays this run's <paramref name="target"/>, for failure messages.</summary>
    public string ReplayHint(string target) =>
        $"{SeedVariable}={Seed} {IterationsVariable}={Iterations} {TargetVariable}='{target}'";

    private static int? Number(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"{variable}='{text}' is not a whole number.")
            : null;
}
