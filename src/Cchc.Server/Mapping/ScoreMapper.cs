using Cchc.Api.V1;
using Cchc.Core;
using Cchc.Grains.Scoring;
using Grpc.Core;
using LostPointItem = Cchc.Api.V1.LostPointItem;

namespace Cchc.Server.Mapping;

/// <summary>Score batches, scorecards and lost points between the API and the commune grains' views.</summary>
internal static class ScoreMapper
{
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

    /// <summary>
    /// A row of the card. A leaf shows its maximum whether evaluated or not (what the commune could score); a group
    /// shows the maximum of its evaluated items, since that is what its index is measured against.
    /// </summary>
    /// <summary>A commune's scorecard as GetScorecard answers it (and the appraisal table export lays it out).</summary>
    public static GetScorecardResponse ToApi(ScorecardView card, string communeCode, Cchc.Core.Period period)
    {
        ArgumentNullException.ThrowIfNull(card);
        var response = new GetScorecardResponse
        {
            CommuneCode = communeCode,
            CommuneName = card.UnitName,
            Period = PeriodMapper.ToApi(period),
            Index = Figure(card.Index),
            ClassName = card.ClassName ?? "",
            Provisional = card.Provisional,
            Total = ToNode(card.Total, withChildren: false),
        };
        response.Fields.Add(card.Total.Children.Select(f => ToNode(f)));
        if (card.ProvinceRank is { } provinceRank)
        {
            response.ProvinceRank = RankingMapper.ToEntry(provinceRank);
        }

        if (card.DistrictRank is { } districtRank)
        {
            response.DistrictRank = RankingMapper.ToEntry(districtRank);
        }

        return response;
    }

    public static ScorecardNode ToNode(ScorecardNodeView node, bool withChildren = true)
    {
        ArgumentNullException.ThrowIfNull(node);
        var api = new ScorecardNode
        {
            Code = node.Code,
            Name = node.Name,
            FrameworkMaxPoints = Figure(node.Max),
            MaxPoints = Figure(node.IsLeaf ? node.Max : node.EvaluatedMax),
            SelfPoints = Figure(node.SelfPoints),
            AppraisedPoints = Figure(node.AppraisedPoints),
            EffectivePoints = Figure(node.EffectivePoints),
            LostPoints = Figure(node.LostPoints),
            AppraisalDeduction = Figure(node.AppraisalDeduction),
            ComponentIndex = Figure(node.Index),
            Provisional = node.Provisional,
            Evaluated = node.Evaluated,
            CouncilComment = node.CouncilComment ?? "",
            Explanation = node.Explanation ?? "",
        };
        if (withChildren)
        {
            api.Children.Add(node.Children.Select(c => ToNode(c)));
        }

        return api;
    }

    public static LostPointItem ToApi(LostPointRow item)
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

    public static WhatIfOutcome ToApi(WhatIfView whatIf)
    {
        ArgumentNullException.ThrowIfNull(whatIf);
        return new WhatIfOutcome
        {
            Index = Figure(whatIf.NewIndex),
            ClassName = whatIf.NewClass ?? "",
            ProvinceRank = whatIf.NewProvinceRank?.CompetitionRank ?? 0,
            DistrictRank = whatIf.NewDistrictRank?.CompetitionRank ?? 0,
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
        var value = item.ValueCase switch
        {
            ItemScore.ValueOneofCase.Points => ScoreValue.OfPoints(DecimalField.Parse(item.Points, what + " points")),
            ItemScore.ValueOneofCase.Ratio => ScoreValue.OfRatio(item.Ratio.Numerator, item.Ratio.Denominator),
            ItemScore.ValueOneofCase.Count => ScoreValue.OfCount(item.Count),
            ItemScore.ValueOneofCase.Faults => ScoreValue.OfFaults(item.Faults),
            ItemScore.ValueOneofCase.Yes => ScoreValue.OfYesNo(item.Yes),
            _ => null,
        };
        return new ItemSubmission(item.ItemCode, value, item.NotEvaluated, [.. item.Evidence], string.IsNullOrEmpty(item.Comment) ? null : item.Comment);
    }
}
