namespace Cchc.Grains.Frameworks;

/// <summary>
/// A province's framework for one year. Key: "province/year", e.g. "30/2022". It awaits only publication grains and
/// the province's framework years (leaves), so anything may await it.
/// </summary>
public interface IFrameworkGrain : IGrainWithStringKey
{
    /// <summary>Validates and stores a framework; refused once a period it serves has been published.</summary>
    /// <exception cref="RequestRejectedException">
    /// InvalidArgument with every problem of the definition, or FailedPrecondition when a period is published.
    /// </exception>
    Task<VersionedFramework> PutAsync(FrameworkState definition, CancellationToken cancellationToken = default);

    /// <summary>The stored framework with its version, or null.</summary>
    [ResponseTimeout(GrainTimeouts.LeafRead)]
    Task<VersionedFramework?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>The stored framework's version, 0 when there is none: a cheap check before <see cref="GetAsync"/>.</summary>
    [ResponseTimeout(GrainTimeouts.LeafRead)]
    Task<long> GetVersionAsync(CancellationToken cancellationToken = default);
}
