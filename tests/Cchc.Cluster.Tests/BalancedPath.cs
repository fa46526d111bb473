using Cchc.Api.V1;

namespace Cchc.Cluster.Tests;

/// <summary>Every write through one channel that knows all the servers and retries UNAVAILABLE itself; a refusal is the caller's failure.</summary>
internal sealed class BalancedPath(RetryingChannel channel) : IWritePath
{
    public bool ResendsRefusedWrites => false;

    public (string Server, ScoringService.ScoringServiceClient Scoring) Next() => ("the balanced channel", channel.Scoring);
}
