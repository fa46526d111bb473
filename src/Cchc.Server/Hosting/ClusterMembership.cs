using Orleans.Configuration;

namespace Cchc.Server.Hosting;

/// <summary>
/// How fast the cluster gives up on a silo. Orleans' defaults (5 s probes, 60 s table refresh, 5 min heartbeats) take
/// half a minute to declare a dead silo and minutes to forget a whole cluster's stale rows; a province's appraisal
/// desk cannot wait that long. The figures measured with these values are in the README ("Running a cluster").
/// </summary>
internal static class ClusterMembership
{
    public static void Configure(ClusterMembershipOptions membership)
    {
        // Each silo probes its peers every second and suspects one after three misses; two votes (both survivors of
        // a three-silo cluster) declare it dead: about 3 to 4 s from a SIGKILL to its grains activating elsewhere.
        membership.ProbeTimeout = TimeSpan.FromSeconds(1);
        membership.NumMissedProbesLimit = 3;
        membership.NumVotesForDeathDeclaration = 2;

        // A silo busy under load is not voted dead: probe timeouts stretch while the prober itself is degraded, and
        // a connection still carrying messages vetoes the suspicion.
        membership.ExtendProbeTimeoutDuringDegradation = true;
        membership.EnableConnectionLivenessCheck = true;

        // Heartbeat rows every 5 s: after the whole cluster was killed, a row silent for two beats (10 s) is stale,
        // so restarted silos do not wait on peers that are gone. The table is read every 5 s as well as gossiped.
        membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        membership.NumMissedTableIAmAliveLimit = 2;
        membership.TableRefreshTimeout = TimeSpan.FromSeconds(5);
    }
}
