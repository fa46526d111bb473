using Cchc.Api.V1;
using Grpc.Net.Client;

namespace Cchc.Cluster.Tests;

/// <summary>
/// Every write through one channel given all the servers' addresses (the repository's
/// <see cref="Cchc.Api.Client.CchcChannel"/>: round-robin, retry on UNAVAILABLE); a refusal that comes through is the
/// caller's failure.
/// </summary>
internal sealed class BalancedPath(GrpcChannel channel) : IWritePath
{
    private readonly ScoringService.ScoringServiceClient _scoring = new(channel);

    public bool ResendsRefusedWrites => false;

    public (string Server, ScoringService.ScoringServiceClient Scoring) Next() => ("the cluster channel", _scoring);
}
