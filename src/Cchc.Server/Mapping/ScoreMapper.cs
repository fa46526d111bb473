using Cchc.Api.V1;
using Cchc.Core;
using Cchc.Core.LostPoints;
using Cchc.Core.Scorecards;
using Cchc.Core.Scoring;
using Cchc.Grains.Scoring;
using Grpc.Core;
using CoreNode = Cchc.Core.Frameworks.FrameworkNode;
using CoreRatioInput = Cchc.Core.Scoring.RatioInput;
using LostPointItem = Cchc.Api.V1.LostPointItem;

namespace Cchc.Server.Mapping;

/// <summary>Score batches, scorecards and lost points between the API and the grains.</summary>
internal static class ScoreMapper
{
    /// <summary>What officials call the totals row of a scorecard.</summary>
    public const string TotalName = "Tổng điểm";

    public static ScoreSubmission ToSubmission(SubmitScoresRequest request, string principal, int maxItems)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stage = ToStage(request.Stage);
        if (request.Items.Count > maxItems)
        {
            // A limit, not a malformed request: RESOURCE_EXHAUSTED, as for a message over the size limit.
            throw new RpcException(new Status(StatusCode.ResourceExhausted,
                $"items has {request.Items.Count} entries; this server takes at most {maxItems} per batch, so split it."));
        }

        var items = new List<ItemSubmission>(request.Items.Count);
        for (var i = 0; i < request.Items.Count; i++)
        {
            items.Add(ToItem(request.Items[i], $"items[{i}]"));
        }

        return new ScoreSubmission(stage, items, principal, string.IsNullOrEmpty(request.IdempotencyKey) ? null : request.IdempotencyKey);
    }

    public static ScoreStage ToStage(Stage stage) => stage switch
    {
        Stage.SelfAssessment => ScoreStage.SelfAssessment,
        Stage.AppraisalRound1 => ScoreStage.AppraisalRound1,
        Stage.Explanation => ScoreStage.Explanation,
        Stage.AppraisalRound2 => ScoreStage.AppraisalRound2,
        Stage.Survey => ScoreStage.Survey,
        Stage.Unspecified => throw ApiArguments.Invalid(
            "stage is missing; give SELF_ASSESSMENT, APPRAISAL_ROUND_1, EXPLANATION, APPRAISAL_ROUND_2 or SURVEY."),
        _ => throw ApiArguments.Invalid($"stage {(int)stage} is not a stage this server knows; give SELF_ASSESSMENT to SURVEY."),
    };

    public static SubmitScoresResponse ToApi(SubmitOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new SubmitScoresResponse
        {
            AcceptedCount = outcome.AcceptedCount,
            Index = Figure(outcome.Index),
            Provisional = outcome.Provisional,
            Replayed = outcome.Replayed,
        };
    }

    /// <summary>The tree of a computed scorecard, field by field.</summary>
    public static IEnumerable<ScorecardNode> ToNodes(ScorecardResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Framework.Fields.Select(f => ToNode(result, f));
    }

    /// <summary>
    /// The root node "Tổng điểm" from the card's total. Self and appraised totals are summed over every evaluated
    /// leaf by the same rule the field and group nodes use (<see cref="Sum"/>): the Core's NodeResult carries no
    /// self or appraised figure.
    /// </summary>
    public static ScorecardNode ToTotal(ScorecardResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var total = result.Total;
        var evaluated = result.Items.Where(i => i.IsEvaluated).ToList();
        return new ScorecardNode
        {
            Code = "",
            Name = TotalName,
            FrameworkMaxPoints = Figure(total.Max),
            MaxPoints = Figure(total.EvaluatedMax),
            SelfPoints = Figure(Sum(evaluated, i => i.SelfPoints)),
            AppraisedPoints = Figure(Sum(evaluated, i => i.AppraisedPoints)),
            EffectivePoints = Figure(total.Achieved),
            LostPoints = Figure(total.Lost),
            AppraisalDeduction = Figure(total.AppraisalDeduction),
            ComponentIndex = Figure(total.Index),
            Provisional = total.IsProvisional,
            Evaluated = evaluated.Count > 0,
        };
    }

    public static LostPointItem ToApi(Core.LostPoints.LostPointItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new LostPointItem
        {
            ItemCode = item.Code,
            ItemName = item.Name,
            MaxPoints = Figure(item.Max),
            EffectivePoints = Figure(item.Points),
            LostPoints = Figure(item.Lost),
            AppraisalDeduction = Figure(item.AppraisalGap),
            CouncilComment = item.CouncilComment ?? "",
        };
    }

    public static WhatIfOutcome ToApi(WhatIfResult province, WhatIfResult? district)
    {
        ArgumentNullException.ThrowIfNull(province);
        return new WhatIfOutcome
        {
            Index = Figure(province.NewIndex),
            ClassName = province.NewClass ?? "",
            ProvinceRank = province.NewRank?.CompetitionRank ?? 0,
            DistrictRank = district?.NewRank?.CompetitionRank ?? 0,
        };
    }

    /// <summary>An official figure as text, "87.25"; empty for none.</summary>
    public static string Figure(decimal? value) => value is { } v ? OfficialFigure.Format(v) : "";

    private static ItemSubmission ToItem(ItemScore item, string at)
    {
        if (string.IsNullOrWhiteSpace(item.ItemCode))
        {
            throw ApiArguments.Invalid($"{at}.item_code is empty; give the leaf's code, e.g. 7.1.3.");
        }

        var what = $"{at} (item {item.ItemCode})";
        ScoreInput? input = item.ValueCase switch
        {
            ItemScore.ValueOneofCase.Points => new PointsInput(DecimalField.Parse(item.Points, what + " points")),
            ItemScore.ValueOneofCase.Ratio => new CoreRatioInput(item.Ratio.Numerator, item.Ratio.Denominator),
            ItemScore.ValueOneofCase.Count => new CountInput(item.Count),
            ItemScore.ValueOneofCase.Faults => new FaultsInput(item.Faults),
            ItemScore.ValueOneofCase.Yes => new YesNoInput(item.Yes),
            _ => null,
        };
        return new ItemSubmission(item.ItemCode, input, item.NotEvaluated, [.. item.Evidence], string.IsNullOrEmpty(item.Comment) ? null : item.Comment);
    }

    private static ScorecardNode ToNode(ScorecardResult result, CoreNode node)
    {
        var figures = result.Node(node.Code);
        var leaves = result.Framework.LeavesUnder(node.Code).Select(l => result.Item(l.Code)).ToList();
        var evaluated = leaves.Where(i => i.IsEvaluated).ToList();
        var api = new ScorecardNode
        {
            Code = node.Code,
            Name = node.Name,
            FrameworkMaxPoints = Figure(figures.Max),
            MaxPoints = Figure(node.IsLeaf ? node.Max : figures.EvaluatedMax),
            SelfPoints = Figure(node.IsLeaf ? leaves[0].SelfPoints : Sum(evaluated, i => i.SelfPoints)),
            AppraisedPoints = Figure(node.IsLeaf ? leaves[0].AppraisedPoints : Sum(evaluated, i => i.AppraisedPoints)),
            EffectivePoints = Figure(figures.Achieved),
            LostPoints = Figure(figures.Lost),
            AppraisalDeduction = Figure(figures.AppraisalDeduction),
            ComponentIndex = Figure(figures.Index),
            Provisional = figures.IsProvisional,
            Evaluated = evaluated.Count > 0,
        };
        if (node.IsLeaf)
        {
            api.CouncilComment = leaves[0].CouncilComment ?? "";
            api.Explanation = leaves[0].Explanation?.Text ?? "";
        }

        api.Children.Add(node.Children.Select(c => ToNode(result, c)));
        return api;
    }

    // A penalty takes away what it scores; empty when no leaf has a figure at this stage.
    private static decimal? Sum(List<ItemResult> items, Func<ItemResult, decimal?> points)
    {
        decimal? sum = null;
        foreach (var item in items)
        {
            if (points(item) is { } p)
            {
                sum = (sum ?? 0m) + (item.Role == ItemRole.Penalty ? -p : p);
            }
        }

        return sum;
    }
}
