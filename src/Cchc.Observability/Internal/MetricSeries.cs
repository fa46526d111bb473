namespace Cchc.Observability.Internal;

/// <summary>One labelled time series of a family; its label text is rendered once, when it is created.</summary>
internal abstract class MetricSeries(string labels)
{
    /// <summary>The rendered labels without braces, sorted by name, e.g. <c>grpc_code="OK",grpc_method="Check"</c>.</summary>
    public string Labels { get; } = labels;
}
