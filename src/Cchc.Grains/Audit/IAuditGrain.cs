namespace Cchc.Grains.Audit;

/// <summary>
/// The audit trail of one scope's period. Key: "scope/period", e.g. "30/2022". It reads the registry, the publication
/// and the score storage; it calls no commune or ranking grain, so a ranking may await it while publishing.
/// </summary>
public interface IAuditGrain : IGrainWithStringKey
{
    /// <summary>
    /// For a published period whose chain heads are not recorded yet: writes each commune's score row (its snapshot
    /// at its current version) and records every commune's chain head in the publication record. Idempotent.
    /// </summary>
    Task SealAsync(CancellationToken cancellationToken = default);

    /// <summary>Walks every commune's chain and score row; see <see cref="AuditReport"/>.</summary>
    /// <exception cref="RequestRejectedException">The registry does not know the scope in that year (NOT_FOUND).</exception>
    Task<AuditReport> VerifyAsync(CancellationToken cancellationToken = default);
}
