using Xunit.Abstractions;

namespace Cchc.Cluster.Tests;

/// <summary>
/// Figures a test prints: to xUnit's output and to stdout, and to the file named by CCHC_TEST_FIGURES, which the test
/// command prints at the end (its quiet test log shows no output of tests that passed).
/// </summary>
internal sealed class TestLog(ITestOutputHelper output)
{
    private static readonly Lock FileLock = new();

    public void Line(string line)
    {
        var stamped = $"[cluster {DateTime.UtcNow:HH:mm:ss.fff}] {line}";
        Console.WriteLine(stamped);
        if (Environment.GetEnvironmentVariable("CCHC_TEST_FIGURES") is { Length: > 0 } figures)
        {
            lock (FileLock)
            {
                File.AppendAllText(figures, stamped + Environment.NewLine);
            }
        }

        try
        {
            output.WriteLine(stamped);
        }
        catch (InvalidOperationException)
        {
            // A background task may print after its test has finished; stdout has the line.
        }
    }
}
