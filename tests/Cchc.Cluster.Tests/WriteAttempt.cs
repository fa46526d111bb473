namespace Cchc.Cluster.Tests;

/// <summary>
/// One call of a write: where it went, when (since the load's start), its outcome ("OK" or the status), and how many
/// attempts the channel's retry policy made before the one that answered (Grpc.Net.Client reports them in the
/// grpc-previous-rpc-attempts response header).
/// </summary>
internal sealed record WriteAttempt(string Province, string Commune, string Server, TimeSpan Started, TimeSpan Ended, string Outcome, string Detail, int PreviousAttempts = 0)
{
    public bool Ok => Outcome == "OK";

    public TimeSpan Latency => Ended - Started;
}
