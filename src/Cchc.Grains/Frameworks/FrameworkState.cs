using Cchc.Core;
using Cchc.Core.Scoring;

namespace Cchc.Grains.Frameworks;

/// <summary>
/// A framework definition as the grains pass and store it: a plain tree of records that serializers write and read
/// without knowing the core's method types. <see cref="FrameworkStateMapper"/> converts it to and from the core's
/// definition.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.FrameworkState")]
public sealed record FrameworkState(
    string Name,
    int Year,
    IReadOnlyList<PeriodKind> Periods,
    IReadOnlyList<FrameworkState.Node> Fields,
    IReadOnlyList<FrameworkState.Band> Bands,
    decimal DeclaredTotal)
{
    [GenerateSerializer, Immutable, Alias("cchc.FrameworkState.Node")]
    public sealed record Node(string Code, string Name, decimal Max, Method? Method, bool SurveyBased, IReadOnlyList<Node> Children);

    /// <summary>One leaf method: <see cref="Kind"/> names it, the other fields are its parameters.</summary>
    [GenerateSerializer, Immutable, Alias("cchc.FrameworkState.Method")]
    public sealed record Method(
        string Kind,
        decimal? Threshold = null,
        ZeroDenominator? WhenZero = null,
        decimal? Target = null,
        decimal? PointsPerFault = null,
        decimal? PointsPerCount = null);

    [GenerateSerializer, Immutable, Alias("cchc.FrameworkState.Band")]
    public sealed record Band(string Name, decimal MinIndex);
}
