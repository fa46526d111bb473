using System.Globalization;

namespace Cchc.LoadGen.Measurement;

/// <summary>The results of a run as a plain-text table: rate, percentiles, errors, target and whether it was met.</summary>
internal static class SummaryTable
{
    public static void Write(TextWriter output, IReadOnlyList<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        output.WriteLine();
        output.WriteLine($"{"scenario",-16} {"storage",-8} {"rate",14} {"p50 ms",9} {"p99 ms",9} {"p99.9 ms",9} {"max ms",9} {"errors",7}  target");
        foreach (var r in results)
        {
            var rate = r.RateUnit == "-" ? "-" : r.Rate.ToString("0", CultureInfo.InvariantCulture) + " " + r.RateUnit;
            var met = r.Target is { } t ? $"{t.Describe()} {(t.IsMet(r) ? "met" : "MISSED")}" : "";
            output.WriteLine($"{r.Name,-16} {r.Storage,-8} {rate,14} {P(r, 50),9} {P(r, 99),9} {P(r, 99.9),9} {ScenarioResult.Ms(r.Latency.Max),9} {r.Errors,7}  {met}");
        }

        output.Flush();
    }

    private static string P(ScenarioResult r, double p) => ScenarioResult.Ms(r.Latency.ValueAtPercentile(p));
}
