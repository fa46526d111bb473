using Cchc.Api.V1;

namespace Cchc.Cluster.Tests;

/// <summary>How the load's writes reach the cluster.</summary>
internal interface IWritePath
{
    /// <summary>True when the test itself sends a refused write again (to the next server); false when a refusal is the caller's failure.</summary>
    bool ResendsRefusedWrites { get; }

    /// <summary>The client for the next call, and the name of where it goes.</summary>
    (string Server, ScoringService.ScoringServiceClient Scoring) Next();
}
