using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Cchc.Server.Hosting;

/// <summary>
/// Before this silo joins, writes Dead on the membership rows of peers that stopped heartbeating (the whole cluster
/// was killed), so it never talks to them. Left listed, they are dead only once the joining silos have voted, and
/// meanwhile a joining silo connects to their endpoints, where a restarted peer answers: Orleans files that live
/// connection under the dead generation and closes it 10 s after the death (Orleans 10.4.2, SiloConnectionMaintainer),
/// dropping the responses in flight on it, so every caller waits out its timeout. A row is stale by Orleans' own rule
/// (ClusterMembershipOptions: no heartbeat for <c>NumMissedTableIAmAliveLimit</c> periods, which Orleans already
/// uses to skip a row when probing, gossiping and counting votes). A row that beat after this process started is
/// alive; any other is watched until it beats (at most one heartbeat period, 5 s, for a live peer) or goes stale (10 s
/// after the peer's last beat). A live peer's row is never touched. A row of an earlier generation on this silo's own
/// endpoint is retired at once.
/// </summary>
internal sealed partial class StaleSiloRetirement(
    IMembershipTable table,
    ILocalSiloDetails local,
    IOptions<ClusterMembershipOptions> options,
    ILogger<StaleSiloRetirement> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    // Orleans' membership reads the table at RuntimeGrainServices; the schema is migrated before RuntimeInitialize.
    private const int Stage = ServiceLifecycleStage.RuntimeGrainServices - 1;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StaleSiloRetirement), Stage, RetireAsync);

    private async Task RetireAsync(CancellationToken cancellationToken)
    {
        var stale = options.Value.IAmAliveTablePublishTimeout * options.Value.NumMissedTableIAmAliveLimit;
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, cancellationToken);

        // A peer is alive if its row beat after this process started, or beats again after the row's first read (its own
        // clock against itself). Each pass retires a row, or waits a poll while some row has neither beaten nor gone
        // stale; every row settles within `stale`, so the passes end. A lost write race is simply read again.
        using var process = Process.GetCurrentProcess();
        var started = process.StartTime.ToUniversalTime();
        var first = new Dictionary<SiloAddress, DateTime>();
        while (true)
        {
            var data = await table.ReadAllAsync(cancellationToken);

            // Orleans compares heartbeats with the system clock too (its loops keep it whatever the grains are given).
            var now = DateTime.UtcNow;
            var waiting = false;
            var retired = false;
            foreach (var (entry, etag) in data.Members)
            {
                var heartbeat = entry.IAmAliveTime > entry.StartTime ? entry.IAmAliveTime : entry.StartTime;
                if (IsEarlierSelf(entry.SiloAddress) && entry.Status != SiloStatus.Dead)
                {
                    // This process listens on that endpoint (Orleans binds it before this stage), so the earlier
                    // generation is gone. Orleans would retire it too, but only as it joins: meanwhile the distributed
                    // directory, taking it for a peer, sent it calls that reached this very process.
                    await RetireAsync(entry, etag, data.Version, now - heartbeat, now, cancellationToken);
                    retired = true;
                    break;
                }

                if (entry.Status != SiloStatus.Active || entry.SiloAddress.Endpoint.Equals(local.SiloAddress.Endpoint))
                {
                    // Only active rows are called (a joining silo writes no heartbeat until it is active, so its row
                    // proves nothing).
                    continue;
                }

                if (heartbeat < started && (first.TryAdd(entry.SiloAddress, heartbeat) || first[entry.SiloAddress] == heartbeat))
                {
                    if (now - heartbeat > stale)
                    {
                        await RetireAsync(entry, etag, data.Version, now - heartbeat, now, cancellationToken);
                        retired = true;
                        break;
                    }

                    waiting = true;
                }
            }

            if (!retired && !waiting)
            {
                return;
            }

            if (!retired)
            {
                await Task.Delay(Poll, cancellationToken);
            }
        }
    }

    private bool IsEarlierSelf(SiloAddress silo) =>
        silo.Endpoint.Equals(local.SiloAddress.Endpoint) && silo.Generation < local.SiloAddress.Generation;

    private async Task RetireAsync(MembershipEntry entry, string etag, TableVersion version, TimeSpan silent, DateTime now, CancellationToken cancellationToken)
    {
        entry.AddSuspector(local.SiloAddress, now);
        entry.Status = SiloStatus.Dead;
        if (await table.UpdateRowAsync(entry, etag, version.Next(), cancellationToken))
        {
            LogRetired(logger, entry.SiloAddress, entry.SiloName, silent.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Silo {Silo} ({Name}) had not written its heartbeat for {Seconds:0.0} s: marked Dead in the membership table before joining, so that no call goes to it.")]
    private static partial void LogRetired(ILogger logger, SiloAddress silo, string name, double seconds);
}
