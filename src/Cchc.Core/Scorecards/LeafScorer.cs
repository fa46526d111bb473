using Cchc.Core.Frameworks;
using Cchc.Core.Scoring;

namespace Cchc.Core.Scorecards;

/// <summary>Scores every stage of one leaf and picks the effective points.</summary>
internal static class LeafScorer
{
    public static ItemFigures Score(FrameworkNode leaf, bool surveyBased, ItemEntry? entry, ref List<ScoreInputError>? errors)
    {
        if (entry is null)
        {
            // A survey item waits for the province's survey; without one it is simply not evaluated.
            return surveyBased
                ? Result(leaf, ItemStatus.NotEvaluated, null, null, null, null, null)
                : Result(leaf, ItemStatus.Missing, 0m, null, null, null, null);
        }

        var self = Stage(leaf, entry.Self, ref errors);
        var round1 = Stage(leaf, entry.Appraisal1, ref errors);
        var round2 = Stage(leaf, entry.Appraisal2, ref errors);
        var survey = Survey(leaf, surveyBased, entry.SurveyPoints, ref errors);

        var latest = round2 ?? round1;
        var (status, points) = entry switch
        {
            { NotEvaluated: true } => (ItemStatus.NotEvaluated, (decimal?)null),
            _ when surveyBased => survey is { } s ? (ItemStatus.Survey, s) : (ItemStatus.NotEvaluated, null),
            _ when latest is { } appraised => appraised.IsApplicable ? (ItemStatus.Appraised, appraised.Points) : (ItemStatus.NotEvaluated, null),
            _ when self is { } claimed => claimed.IsApplicable ? (ItemStatus.Provisional, claimed.Points) : (ItemStatus.NotEvaluated, null),
            _ => (ItemStatus.Missing, 0m),
        };

        return Result(leaf, status, points, self?.Points, round1?.Points, round2?.Points, survey);
    }

    private static LeafScore? Stage(FrameworkNode leaf, ScoreInput? input, ref List<ScoreInputError>? errors)
    {
        if (input is null)
        {
            return null;
        }

        try
        {
            return leaf.Method!.Score(leaf.Code, leaf.Max, input);
        }
        catch (ScoreInputException e)
        {
            (errors ??= []).AddRange(e.Errors);
            return null;
        }
    }

    private static decimal? Survey(FrameworkNode leaf, bool surveyBased, decimal? points, ref List<ScoreInputError>? errors)
    {
        if (points is not { } value)
        {
            return null;
        }

        if (!surveyBased)
        {
            (errors ??= []).Add(new(leaf.Code, value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Item {leaf.Code} is not survey-based; survey points cannot be entered for it."));
            return null;
        }

        try
        {
            return ScoringMethod.CheckPoints(leaf.Code, leaf.Max, value);
        }
        catch (ScoreInputException e)
        {
            (errors ??= []).AddRange(e.Errors);
            return null;
        }
    }

    private static ItemFigures Result(FrameworkNode leaf, ItemStatus status, decimal? points, decimal? self, decimal? round1, decimal? round2, decimal? survey) =>
        new(leaf.Role, leaf.Max, status, points, self, round1, round2, survey);
}
