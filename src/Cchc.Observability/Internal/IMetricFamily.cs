using System.Text;

namespace Cchc.Observability.Internal;

/// <summary>What the exporter needs of a family, whatever its series hold.</summary>
internal interface IMetricFamily
{
    string Name { get; }

    PrometheusMetricType Type { get; }

    bool IsObservable { get; }

    void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    /// <summary>Appends the family's HELP, TYPE and samples; nothing if it has no series to show.</summary>
    void Write(StringBuilder output, long generation);
}
