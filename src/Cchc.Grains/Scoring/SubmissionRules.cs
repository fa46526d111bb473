using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Core.Scoring;

namespace Cchc.Grains.Scoring;

/// <summary>
/// Checks a whole batch against the framework and the stage order before anything is stored, and reports every
/// problem at once, each naming the item (code and Vietnamese name) and the value.
/// </summary>
internal static class SubmissionRules
{
    public static void Check(Framework framework, IReadOnlyDictionary<string, ItemState> items, ScoreSubmission submission)
    {
        if (submission.Items.Count == 0)
        {
            throw RequestRejectedException.Invalid("The batch has no items; send at least one item.");
        }

        var invalid = new List<string>();
        var order = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in submission.Items)
        {
            if (!seen.Add(item.ItemCode))
            {
                invalid.Add($"Item {item.ItemCode} appears more than once in the batch; send each item once.");
                continue;
            }

            if (!framework.Contains(item.ItemCode))
            {
                invalid.Add($"Item '{item.ItemCode}' is not in the framework {framework.Name}; check the item code.");
                continue;
            }

            var leaf = framework.Node(item.ItemCode);
            if (!leaf.IsLeaf)
            {
                invalid.Add($"{Name(leaf)} is a group of {leaf.Children.Count} items; score its sub-items ({string.Join(", ", leaf.Children.Select(c => c.Code))}).");
                continue;
            }

            var existing = items.GetValueOrDefault(item.ItemCode) ?? new ItemState();
            if (StageProblem(framework, leaf, existing, submission.Stage, item) is (var kind, var message))
            {
                (kind == RejectionKind.FailedPrecondition ? order : invalid).Add(message);
                continue;
            }

            if (ValueProblem(framework, leaf, submission.Stage, item) is { } valueProblem)
            {
                invalid.Add(valueProblem);
            }
        }

        if (invalid.Count > 0)
        {
            throw RequestRejectedException.Invalid(Join(invalid));
        }

        if (order.Count > 0)
        {
            throw RequestRejectedException.Precondition(Join(order));
        }
    }

    public static string Name(FrameworkNode node) => $"Item {node.Code} ({node.Name})";

    private static (RejectionKind, string)? StageProblem(Framework framework, FrameworkNode leaf, ItemState existing, ScoreStage stage, ItemSubmission item)
    {
        var survey = framework.IsSurveyBased(leaf.Code);
        return stage switch
        {
            ScoreStage.Survey when !survey => (RejectionKind.InvalidArgument,
                $"{Name(leaf)} is not survey-based; its points come from self-assessment and appraisal."),
            not ScoreStage.Survey when survey => (RejectionKind.InvalidArgument,
                $"{Name(leaf)} is survey-based; the province enters its points at the survey stage."),
            ScoreStage.SelfAssessment when existing.Appraisal1 is not null => (RejectionKind.FailedPrecondition,
                $"{Name(leaf)} has already been appraised; the self-assessment can no longer change. Send an explanation instead."),
            ScoreStage.AppraisalRound1 when existing.Appraisal2 is not null => (RejectionKind.FailedPrecondition,
                $"{Name(leaf)} already has an appraisal round 2; round 1 can no longer change."),
            ScoreStage.Explanation when existing.Appraisal1 is null => (RejectionKind.FailedPrecondition,
                $"{Name(leaf)} has no appraisal round 1 yet; an explanation answers the council's round 1."),
            ScoreStage.Explanation when existing.Appraisal2 is not null => (RejectionKind.FailedPrecondition,
                $"{Name(leaf)} already has an appraisal round 2; the explanation period is over."),
            ScoreStage.AppraisalRound2 when existing.Appraisal1 is null => (RejectionKind.FailedPrecondition,
                $"{Name(leaf)} has no appraisal round 1 yet; enter round 1 before round 2."),
            _ => null,
        };
    }

    private static string? ValueProblem(Framework framework, FrameworkNode leaf, ScoreStage stage, ItemSubmission item)
    {
        if (stage == ScoreStage.Explanation)
        {
            return item.Value is not null || item.NotEvaluated
                ? $"{Name(leaf)}: an explanation carries text and evidence, not points; the council re-scores in round 2."
                : string.IsNullOrWhiteSpace(item.Comment) && item.Evidence.Count == 0
                    ? $"{Name(leaf)}: the explanation is empty; give its text or revised evidence."
                    : null;
        }

        if (item.NotEvaluated)
        {
            return item.Value is null ? null : $"{Name(leaf)} is marked not evaluated and also has a value; send one or the other.";
        }

        if (item.Value is null)
        {
            return $"{Name(leaf)} has no value; send points or the statistic its method takes ({leaf.Method!.Description}), or mark it not evaluated.";
        }

        try
        {
            var input = item.Value.ToInput();
            if (stage == ScoreStage.Survey)
            {
                if (input is not PointsInput points)
                {
                    return $"{Name(leaf)}: survey results are entered as points, not {input.Describe()}.";
                }

                ScoringMethod.CheckPoints(leaf.Code, leaf.Max, points.Points);
            }
            else
            {
                leaf.Method!.Score(leaf.Code, leaf.Max, input);
            }

            return null;
        }
        catch (ScoreInputException e)
        {
            return $"{e.Message} [{leaf.Name}]";
        }
        catch (RequestRejectedException e)
        {
            return $"{Name(leaf)}: {e.Message}";
        }
    }

    private static string Join(List<string> problems) =>
        problems.Count == 1 ? problems[0] : $"{problems.Count} items were refused; nothing was stored:\n- " + string.Join("\n- ", problems);
}
