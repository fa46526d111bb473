namespace Cchc.Server.Tests;

/// <summary>
/// The progress season drives 47 communes' batches in parallel; run beside the timing-sensitive tests (a batch cancelled
/// by its client while it is queued, WriteFailureTests) it loaded the shared 2 cores enough for the server to see that
/// cancellation only after the write lock was released. Its tests run alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProgressCollection : ICollectionFixture<ProgressSeason>
{
    public const string Name = "Progress season";
}
