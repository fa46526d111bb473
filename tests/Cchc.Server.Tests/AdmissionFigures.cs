using System.Globalization;
using Cchc.Server.Admission;

namespace Cchc.Server.Tests;

/// <summary>
/// The admission limit's counters as a Prometheus scrape of a server's /metrics shows them (the server in a process of
/// its own counts only what the test sent it): calls admitted and how long they waited for their slot, admitted calls
/// that overran their deadline, refusals and how soon after arriving they came (the histograms' cumulative buckets).
/// </summary>
internal sealed record AdmissionFigures(
    double Admitted, double Overran, double Refused, IReadOnlyDictionary<double, double> AdmittedByBound, IReadOnlyDictionary<double, double> RefusedByBound)
{
    private static readonly string Prefix = "cchc_server_";

    public double OverranShare => Admitted == 0 ? 0 : Overran / Admitted;

    public static async Task<AdmissionFigures> ScrapeAsync(HttpClient metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var scrape = await metrics.GetStringAsync(new Uri("metrics", UriKind.Relative));
        var (admittedBuckets, refusedBuckets) = (new Dictionary<double, double>(), new Dictionary<double, double>());
        double admitted = 0, overran = 0, refused = 0;
        foreach (var line in scrape.Split('\n'))
        {
            if (line.StartsWith('#') || line.LastIndexOf(' ') is var space && space < 0)
            {
                continue;
            }

            var value = double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var name = brace < 0 ? line[..space] : line[..brace];
            if (name == Metric(AdmissionMetrics.WaitDuration) + "_count")
            {
                admitted += value;
            }
            else if (name == Metric(AdmissionMetrics.Overran))
            {
                overran += value;
            }
            else if (name == Metric(AdmissionMetrics.RefusalDuration) + "_count")
            {
                refused += value;
            }
            else if (Label(line, "le") is { } le && le != "+Inf" &&
                (name == Metric(AdmissionMetrics.RefusalDuration) + "_bucket" ? refusedBuckets : name == Metric(AdmissionMetrics.WaitDuration) + "_bucket" ? admittedBuckets : null) is { } buckets)
            {
                var bound = double.Parse(le, CultureInfo.InvariantCulture);
                buckets[bound] = buckets.GetValueOrDefault(bound) + value;
            }
        }

        return new AdmissionFigures(admitted, overran, refused, admittedBuckets, refusedBuckets);
    }

    /// <summary>Refusals that came within <paramref name="seconds"/> of arriving (a bucket bound of the histogram).</summary>
    public double RefusedWithin(double seconds) => Bucket(RefusedByBound, seconds, AdmissionMetrics.RefusalDuration);

    public double RefusedWithinShare(double seconds) => Refused == 0 ? 0 : RefusedWithin(seconds) / Refused;

    /// <summary>Admitted calls that had their slot within <paramref name="seconds"/> of arriving (a bucket bound of the histogram).</summary>
    public double AdmittedWithin(double seconds) => Bucket(AdmittedByBound, seconds, AdmissionMetrics.WaitDuration);

    public double AdmittedWithinShare(double seconds) => Admitted == 0 ? 0 : AdmittedWithin(seconds) / Admitted;

    /// <summary>What happened between <paramref name="earlier"/> and this scrape.</summary>
    public AdmissionFigures Since(AdmissionFigures earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new AdmissionFigures(Admitted - earlier.Admitted, Overran - earlier.Overran, Refused - earlier.Refused,
            AdmittedByBound.ToDictionary(b => b.Key, b => b.Value - earlier.AdmittedByBound.GetValueOrDefault(b.Key)),
            RefusedByBound.ToDictionary(b => b.Key, b => b.Value - earlier.RefusedByBound.GetValueOrDefault(b.Key)));
    }

    private static double Bucket(IReadOnlyDictionary<double, double> buckets, double seconds, string instrument) =>
        buckets.TryGetValue(seconds, out var count) ? count : throw new ArgumentException($"{seconds} s is not a bucket bound of {instrument}", nameof(seconds));

    private static string Metric(string instrument) => Prefix + instrument.Replace('.', '_');

    private static string? Label(string line, string label)
    {
        var start = line.IndexOf($"{label}=\"", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += label.Length + 2;
        return line[start..line.IndexOf('"', start)];
    }
}
