using Cchc.Api.V1;
using Cchc.Core.Frameworks;
using Cchc.Core.Scoring;
using ApiFramework = Cchc.Api.V1.Framework;
using ApiNode = Cchc.Api.V1.FrameworkNode;
using CoreNode = Cchc.Core.Frameworks.FrameworkNode;
using CorePeriodKind = Cchc.Core.PeriodKind;

namespace Cchc.Server.Mapping;

/// <summary>
/// Frameworks between the API and the core. Numbers that do not parse are listed together here; the core's
/// validator then lists every structural problem (sums, codes, methods) at once.
/// </summary>
internal static class FrameworkMapper
{
    public static FrameworkDefinition ToDefinition(PutFrameworkRequest request, int year)
    {
        ArgumentNullException.ThrowIfNull(request);
        var framework = request.Framework ?? throw ApiArguments.Invalid("framework is missing; send the framework tree.");
        var problems = new List<string>();
        var kinds = request.PeriodKinds.Count == 0
            ? [CorePeriodKind.Year]
            : request.PeriodKinds.Select((k, i) => PeriodMapper.ToCore(k, $"period_kinds[{i}]")).Distinct().ToList();
        var total = string.IsNullOrEmpty(framework.TotalPoints) ? 100m : Number(framework.TotalPoints, "framework.total_points", problems) ?? 0m;
        var fields = framework.Fields.Select(f => ToNode(f, problems)).ToList();
        var bands = framework.Bands.Count == 0
            ? Core.Frameworks.ClassBand.Common
            : [.. framework.Bands.Select((b, i) => new Core.Frameworks.ClassBand(b.Name, Number(b.MinIndex, $"framework.bands[{i}] ({b.Name}) min_index", problems) ?? 0m))];
        if (problems.Count > 0)
        {
            throw ApiArguments.Invalid($"The framework has {problems.Count} problem(s); nothing was stored:\n- " + string.Join("\n- ", problems));
        }

        return new FrameworkDefinition(framework.Title, year, kinds, fields, bands, total);
    }

    public static GetFrameworkResponse ToApi(Core.Frameworks.Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var definition = framework.Definition;
        var api = new ApiFramework { Title = definition.Name, TotalPoints = DecimalField.Format(definition.DeclaredTotal) };
        api.Fields.Add(definition.Fields.Select(ToApi));
        api.Bands.Add(definition.Bands.Select(b => new Api.V1.ClassBand { Name = b.Name, MinIndex = DecimalField.Format(b.MinIndex) }));
        var response = new GetFrameworkResponse { Framework = api };
        response.PeriodKinds.Add(definition.Periods.Select(PeriodMapper.ToApi));
        return response;
    }

    private static CoreNode ToNode(ApiNode node, List<string> problems)
    {
        var at = $"Item '{node.Code}'";
        var max = Number(node.MaxPoints, $"{at}: max_points", problems) ?? 0m;
        var method = node.Method?.MethodCase is null or LeafMethod.MethodOneofCase.None ? null : ToMethod(node.Method, at, problems);
        return new CoreNode(node.Code, node.Name, max, method, node.SurveyBased, [.. node.Children.Select(c => ToNode(c, problems))]);
    }

    private static ScoringMethod? ToMethod(LeafMethod method, string at, List<string> problems) => method.MethodCase switch
    {
        LeafMethod.MethodOneofCase.Manual => new ManualPoints(),
        LeafMethod.MethodOneofCase.Ratio => new Core.Scoring.RatioMethod(
            OptionalNumber(method.Ratio.Threshold, $"{at}: ratio threshold", problems),
            method.Ratio.FullPointsWhenNoDenominator ? ZeroDenominator.FullPoints : ZeroDenominator.NotApplicable),
        LeafMethod.MethodOneofCase.CountTarget => new Core.Scoring.CountTargetMethod(method.CountTarget.Target),
        LeafMethod.MethodOneofCase.Deduction => new DeductionPerFaultMethod(
            Number(method.Deduction.PointsPerFault, $"{at}: points_per_fault", problems) ?? 0m),
        LeafMethod.MethodOneofCase.YesNo => new Core.Scoring.YesNoMethod(),
        LeafMethod.MethodOneofCase.Bonus => new BonusMethod(OptionalNumber(method.Bonus.PointsPerCount, $"{at}: bonus points_per_count", problems)),
        LeafMethod.MethodOneofCase.Penalty => new PenaltyMethod(OptionalNumber(method.Penalty.PointsPerCount, $"{at}: penalty points_per_count", problems)),
        _ => null,
    };

    private static ApiNode ToApi(CoreNode node)
    {
        var api = new ApiNode { Code = node.Code, Name = node.Name, MaxPoints = DecimalField.Format(node.Max), SurveyBased = node.SurveyBased };
        if (node.Method is { } method)
        {
            api.Method = ToApi(method);
        }

        api.Children.Add(node.Children.Select(ToApi));
        return api;
    }

    private static LeafMethod ToApi(ScoringMethod method) => method switch
    {
        Core.Scoring.RatioMethod r => new LeafMethod
        {
            Ratio = new Api.V1.RatioMethod
            {
                Threshold = r.Threshold is { } t ? DecimalField.Format(t) : "",
                FullPointsWhenNoDenominator = r.WhenZero == ZeroDenominator.FullPoints,
            },
        },
        Core.Scoring.CountTargetMethod c => new LeafMethod { CountTarget = new Api.V1.CountTargetMethod { Target = (int)c.Target } },
        DeductionPerFaultMethod d => new LeafMethod { Deduction = new DeductionMethod { PointsPerFault = DecimalField.Format(d.PointsPerFault) } },
        Core.Scoring.YesNoMethod => new LeafMethod { YesNo = new Api.V1.YesNoMethod() },
        BonusMethod b => new LeafMethod { Bonus = new CappedMethod { PointsPerCount = b.PointsPerCount is { } p ? DecimalField.Format(p) : "" } },
        PenaltyMethod p => new LeafMethod { Penalty = new CappedMethod { PointsPerCount = p.PointsPerCount is { } q ? DecimalField.Format(q) : "" } },
        _ => new LeafMethod { Manual = new ManualMethod() },
    };

    private static decimal? Number(string text, string what, List<string> problems)
    {
        if (DecimalField.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add(string.IsNullOrEmpty(text)
            ? $"{what} is empty; write a number with a dot as decimal mark, e.g. 2.5."
            : $"{what} '{text}' is not a decimal number; write digits with a dot as decimal mark, e.g. 2.5.");
        return null;
    }

    private static decimal? OptionalNumber(string text, string what, List<string> problems) =>
        string.IsNullOrEmpty(text) ? null : Number(text, what, problems);
}
