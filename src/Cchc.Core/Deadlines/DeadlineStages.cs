namespace Cchc.Core.Deadlines;

/// <summary>The stages' names in messages, and which of them follow one another.</summary>
public static class DeadlineStages
{
    /// <summary>
    /// The stages that follow one another without overlap: a commune self-assesses, the council appraises, the
    /// commune explains, the council appraises again. The survey is run by the province on its own calendar.
    /// </summary>
    public static IReadOnlyList<DeadlineStage> Sequence { get; } =
        [DeadlineStage.SelfAssessment, DeadlineStage.AppraisalRound1, DeadlineStage.Explanation, DeadlineStage.AppraisalRound2];

    /// <summary>"Self-assessment", "Appraisal round 1", ... (capitalized, to start a sentence).</summary>
    public static string Name(DeadlineStage stage) => stage switch
    {
        DeadlineStage.SelfAssessment => "Self-assessment",
        DeadlineStage.AppraisalRound1 => "Appraisal round 1",
        DeadlineStage.Explanation => "Explanation",
        DeadlineStage.AppraisalRound2 => "Appraisal round 2",
        DeadlineStage.Survey => "Survey",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a stage."),
    };

    /// <summary>The name inside a sentence: "self-assessment", "appraisal round 1".</summary>
    public static string LowerName(DeadlineStage stage) => char.ToLowerInvariant(Name(stage)[0]) + Name(stage)[1..];

    /// <summary>Every stage's name in order, for "give one of ..." messages.</summary>
    public static string Choices => string.Join(", ", Enum.GetValues<DeadlineStage>().Select(LowerName));
}
