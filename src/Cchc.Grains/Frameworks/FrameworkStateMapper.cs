using Cchc.Core.Frameworks;
using Cchc.Core.Scoring;

namespace Cchc.Grains.Frameworks;

/// <summary>Converts between the core's framework definition and its stored form.</summary>
public static class FrameworkStateMapper
{
    public static FrameworkState ToState(FrameworkDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new FrameworkState(definition.Name, definition.Year, definition.Periods, [.. definition.Fields.Select(ToState)],
            [.. definition.Bands.Select(b => new FrameworkState.Band(b.Name, b.MinIndex))], definition.DeclaredTotal);
    }

    public static FrameworkDefinition ToDefinition(FrameworkState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new FrameworkDefinition(state.Name, state.Year, state.Periods, [.. state.Fields.Select(ToNode)],
            [.. state.Bands.Select(b => new ClassBand(b.Name, b.MinIndex))], state.DeclaredTotal);
    }

    private static FrameworkState.Node ToState(FrameworkNode node) =>
        new(node.Code, node.Name, node.Max, node.Method is null ? null : ToState(node.Method), node.SurveyBased,
            [.. node.Children.Select(ToState)]);

    private static FrameworkNode ToNode(FrameworkState.Node node) =>
        new(node.Code, node.Name, node.Max, node.Method is null ? null : ToMethod(node.Method), node.SurveyBased,
            [.. node.Children.Select(ToNode)]);

    private static FrameworkState.Method ToState(ScoringMethod method) => method switch
    {
        ManualPoints => new("manual"),
        RatioMethod r => new("ratio", Threshold: r.Threshold, WhenZero: r.WhenZero),
        CountTargetMethod c => new("count-target", Target: c.Target),
        DeductionPerFaultMethod d => new("deduction", PointsPerFault: d.PointsPerFault),
        YesNoMethod => new("yes-no"),
        BonusMethod b => new("bonus", PointsPerCount: b.PointsPerCount),
        PenaltyMethod p => new("penalty", PointsPerCount: p.PointsPerCount),
        _ => throw new NotSupportedException($"The scoring method {method.GetType().Name} has no stored form."),
    };

    private static ScoringMethod ToMethod(FrameworkState.Method method) => method.Kind switch
    {
        "manual" => new ManualPoints(),
        "ratio" => new RatioMethod(method.Threshold, method.WhenZero ?? ZeroDenominator.NotApplicable),
        "count-target" => new CountTargetMethod(method.Target ?? 0m),
        "deduction" => new DeductionPerFaultMethod(method.PointsPerFault ?? 0m),
        "yes-no" => new YesNoMethod(),
        "bonus" => new BonusMethod(method.PointsPerCount),
        "penalty" => new PenaltyMethod(method.PointsPerCount),
        _ => throw new NotSupportedException($"The stored scoring method '{method.Kind}' is unknown."),
    };
}
