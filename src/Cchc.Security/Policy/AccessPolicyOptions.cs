namespace Cchc.Security.Policy;

/// <summary>The policy's settings.</summary>
public sealed record AccessPolicyOptions
{
    /// <summary>
    /// Lets any authenticated principal read another province's results before they are published. Off by default:
    /// a province's provisional scores and rankings are its own business until its decision is published.
    /// </summary>
    public bool AllowCrossProvinceUnpublishedReads { get; init; }
}
