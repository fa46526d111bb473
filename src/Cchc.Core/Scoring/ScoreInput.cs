namespace Cchc.Core.Scoring;

/// <summary>
/// What one stage (self-assessment, appraisal round 1 or 2) says about a leaf: either points directly, or the
/// raw statistic that the leaf's <see cref="ScoringMethod"/> turns into points.
/// </summary>
public abstract record ScoreInput
{
    private protected ScoreInput()
    {
    }

    /// <summary>The value as a person would read it in an error message.</summary>
    public abstract string Describe();
}
