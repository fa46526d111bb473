namespace Cchc.Core.Progress;

/// <summary>
/// One commune's progress through a period's stages, counted per leaf of the period's framework.
/// <see cref="RegularItems"/> (R) are the leaves that are not survey-based (bonus and penalty leaves included: the
/// commune scores them too), <see cref="SurveyItems"/> (S) the survey-based ones. Self-assessment, both appraisal
/// rounds and explanations are counted over R, survey points over S. An explanation is pending on a leaf when round 1
/// was entered, the council took points off (round-1 points below the self-assessed points, or above them for a
/// penalty, whose points are deducted), and neither an explanation nor round 2 followed.
/// </summary>
public sealed record CommuneProgress(
    int RegularItems,
    int SurveyItems,
    int SelfAssessed,
    int AppraisedRound1,
    int Explained,
    int AppraisedRound2,
    int Surveyed,
    int ExplanationsPending)
{
    /// <summary>A commune with nothing entered against a framework of <paramref name="regularItems"/> and <paramref name="surveyItems"/> leaves.</summary>
    public static CommuneProgress Nothing(int regularItems, int surveyItems) => new(regularItems, surveyItems, 0, 0, 0, 0, 0, 0);

    public ProgressStatus SelfAssessment => StatusOf(SelfAssessed, RegularItems);

    public ProgressStatus AppraisalRound1 => StatusOf(AppraisedRound1, RegularItems);

    public ProgressStatus AppraisalRound2 => StatusOf(AppraisedRound2, RegularItems);

    public ProgressStatus Survey => StatusOf(Surveyed, SurveyItems);

    /// <summary>All, some or none of <paramref name="of"/> items; not applicable when the stage has no item.</summary>
    public static ProgressStatus StatusOf(int done, int of) =>
        of == 0 ? ProgressStatus.NotApplicable
        : done <= 0 ? ProgressStatus.None
        : done >= of ? ProgressStatus.All
        : ProgressStatus.Some;
}
