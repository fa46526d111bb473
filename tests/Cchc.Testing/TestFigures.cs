namespace Cchc.Testing;

/// <summary>
/// Figures a test measures (failover times, refusals, memory): printed to stdout, stamped with their source, and
/// appended to the file named by CCHC_TEST_FIGURES, which the test command prints at its end (its quiet log shows no
/// output of tests that passed).
/// </summary>
public static class TestFigures
{
    private static readonly Lock FileLock = new();

    /// <summary>Prints the line and returns it stamped, for the test's own output too.</summary>
    public static string Print(string source, string line)
    {
        var stamped = $"[{source} {DateTime.UtcNow:HH:mm:ss.fff}] {line}";
        Console.WriteLine(stamped);
        if (Environment.GetEnvironmentVariable("CCHC_TEST_FIGURES") is { Length: > 0 } figures)
        {
            lock (FileLock)
            {
                File.AppendAllText(figures, stamped + Environment.NewLine);
            }
        }

        return stamped;
    }
}
