namespace Cchc.Cluster.Tests;

/// <summary>One call of a write: where it went, when (since the load's start), and its outcome ("OK" or the status).</summary>
internal sealed record WriteAttempt(string Province, string Commune, string Server, TimeSpan Started, TimeSpan Ended, string Outcome, string Detail)
{
    public bool Ok => Outcome == "OK";

    public TimeSpan Latency => Ended - Started;
}
