using Cchc.Api.V1;

namespace Cchc.LoadGen.Workload;

/// <summary>A leaf item of the benchmark framework: its code, maximum, method and whether the survey scores it.</summary>
internal sealed record BenchLeaf(string Code, decimal Max, LeafMethod Method, bool SurveyBased)
{
    /// <summary>How many quarter points fit in the maximum: appraisal points are drawn from 0, 0.25, … max.</summary>
    public int QuarterSteps => (int)(Max * 4);
}
