using Cchc.Testing;
using Xunit.Abstractions;

namespace Cchc.Cluster.Tests;

/// <summary>Figures a cluster test prints: to xUnit's output and, through <see cref="TestFigures"/>, to the test command's summary.</summary>
internal sealed class TestLog(ITestOutputHelper output)
{
    public void Line(string line)
    {
        var stamped = TestFigures.Print("cluster", line);
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
