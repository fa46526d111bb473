using Cchc.Grains.Audit;

namespace Cchc.Grains.Publication;

/// <summary>
/// Whether a scope's period is published (locked). Key: "scope/period", e.g. "30/2022". A leaf grain: it calls no
/// other grain, so anything may await it.
/// </summary>
public interface IPublicationGrain : IGrainWithStringKey
{
    /// <summary>Publishes the period (idempotent: a second call returns the first record).</summary>
    Task<PublicationRecord> PublishAsync(string principal, CancellationToken cancellationToken = default);

    /// <summary>The publication, or null while the period is open.</summary>
    [ResponseTimeout(GrainTimeouts.LeafRead)]
    Task<PublicationRecord?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records each commune's chain head (by commune code) in the publication record, once: later calls change nothing.
    /// Refused (FAILED_PRECONDITION) while the period is not published.
    /// </summary>
    Task RecordChainHeadsAsync(IReadOnlyDictionary<string, ChainHead> heads, CancellationToken cancellationToken = default);

    /// <summary>The chain heads recorded at publication, or null (not published, or published before heads were recorded).</summary>
    Task<IReadOnlyDictionary<string, ChainHead>?> GetChainHeadsAsync(CancellationToken cancellationToken = default);
}
