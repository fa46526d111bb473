namespace Cchc.Observability.Internal;

/// <summary>The exposition format's metric types that instruments map to.</summary>
internal enum PrometheusMetricType
{
    Counter,
    Gauge,
    Histogram,
}
