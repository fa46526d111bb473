namespace Cchc.Cluster.Tests;

/// <summary>One write as its caller saw it: from its first call to its acknowledgement (or to giving up).</summary>
internal sealed record WriteResult(string Province, string Commune, TimeSpan Started, TimeSpan Ended, int Calls, bool Acknowledged, string? LastFailure)
{
    public TimeSpan Latency => Ended - Started;
}
