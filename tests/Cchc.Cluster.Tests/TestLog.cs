using Xunit.Abstractions;

namespace Cchc.Cluster.Tests;

/// <summary>Figures a test prints: to xUnit's output and to stdout, so they show in the test command's log.</summary>
internal sealed class TestLog(ITestOutputHelper output)
{
    public void Line(string line)
    {
        var stamped = $"[cluster {DateTime.UtcNow:HH:mm:ss.fff}] {line}";
        Console.WriteLine(stamped);
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
