using Cchc.Core.Progress;

namespace Cchc.Grains.Scoring;

/// <summary>A commune's progress through the stages (the core's <see cref="CommuneProgress"/>) as it crosses grains.</summary>
[GenerateSerializer, Immutable, Alias("cchc.ProgressCounts")]
public sealed record ProgressCounts(
    int RegularItems,
    int SurveyItems,
    int SelfAssessed,
    int AppraisedRound1,
    int Explained,
    int AppraisedRound2,
    int Surveyed,
    int ExplanationsPending)
{
    public static ProgressCounts From(CommuneProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return new(progress.RegularItems, progress.SurveyItems, progress.SelfAssessed, progress.AppraisedRound1, progress.Explained,
            progress.AppraisedRound2, progress.Surveyed, progress.ExplanationsPending);
    }

    public CommuneProgress ToCore() =>
        new(RegularItems, SurveyItems, SelfAssessed, AppraisedRound1, Explained, AppraisedRound2, Surveyed, ExplanationsPending);
}
