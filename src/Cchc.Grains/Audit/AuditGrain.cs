using Cchc.Core;
using Cchc.Core.Units;
using Cchc.Grains.Publication;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;
using Cchc.Storage;
using Microsoft.Extensions.Logging;

namespace Cchc.Grains.Audit;

/// <summary>
/// Seals a published period (score rows written, chain heads recorded) and verifies a scope's audit trail, straight
/// from storage: no commune grain is activated, so a ranking that publishes can await it without a cycle.
/// </summary>
public sealed partial class AuditGrain(IScoreStorage storage, ILogger<AuditGrain> logger) : Grain, IAuditGrain
{
    /// <summary>Communes read from storage at once: a province has up to ~550; the database pool is shared.</summary>
    public const int Parallelism = 8;

    private const int SealAttempts = 3;

    private string _scope = "";
    private Period _period = Period.Annual(2000);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_scope, _period) = GrainKeys.ParsePeriodKey(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task SealAsync(CancellationToken cancellationToken = default)
    {
        var publication = GrainFactory.GetGrain<IPublicationGrain>(GrainKeys.ForPeriod(_scope, _period));
        if (await publication.GetAsync(cancellationToken) is null || await publication.GetChainHeadsAsync(cancellationToken) is not null)
        {
            return;
        }

        var members = await MembersAsync(cancellationToken);
        var heads = await ForEachCommuneAsync(members, (commune, ct) => SealCommuneAsync(members, commune, ct), cancellationToken);
        await publication.RecordChainHeadsAsync(heads.ToDictionary(h => h.Code, h => h.Result, StringComparer.Ordinal), cancellationToken);
    }

    public async Task<AuditReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var members = await MembersAsync(cancellationToken);
        var own = GrainFactory.GetGrain<IPublicationGrain>(GrainKeys.ForPeriod(_scope, _period));
        var published = await own.GetAsync(cancellationToken) is not null;
        var heads = published ? await own.GetChainHeadsAsync(cancellationToken) : null;
        if (heads is null && members.ProvinceCode != _scope)
        {
            // A district's communes are sealed with their province when the province published.
            var province = GrainFactory.GetGrain<IPublicationGrain>(GrainKeys.ForPeriod(members.ProvinceCode, _period));
            if (await province.GetAsync(cancellationToken) is not null)
            {
                published = true;
                heads = await province.GetChainHeadsAsync(cancellationToken);
            }
        }

        var audits = await ForEachCommuneAsync(members, async (commune, ct) =>
        {
            var streamId = CommuneGrain.StreamIdOf(commune.Code, _period);
            var chain = await ReadAsync(() => storage.ReadChainAsync(streamId, commune.Code, _period.ToString(), ct), commune.Code);
            return CommuneAudit.Of(commune.Code, commune.Name, streamId, chain, heads?.GetValueOrDefault(commune.Code));
        }, cancellationToken);

        var breaks = audits.SelectMany(a => a.Result.Breaks).OrderBy(b => b.CommuneCode, StringComparer.Ordinal).ThenBy(b => b.Kind).ToList();
        if (breaks.Count > 0)
        {
            LogBroken(logger, _scope, _period.ToString(), breaks.Count);
        }

        return new AuditReport(_scope, _period.ToString(), published, heads is not null, members.Communes.Count,
            audits.Sum(a => (long)a.Result.Checked), audits.Sum(a => (long)a.Result.NotCovered), audits.Count(a => a.Result.ScoreChecked), breaks);
    }

    private async Task<ChainHead> SealCommuneAsync(ScopeMembers members, UnitRecord commune, CancellationToken cancellationToken)
    {
        var streamId = CommuneGrain.StreamIdOf(commune.Code, _period);
        var district = UnitCodes.IsProvince(commune.ParentCode) ? null : commune.ParentCode;
        for (var attempt = 1; ; attempt++)
        {
            var stream = await ReadAsync(() => storage.ReadStreamAsync(streamId, cancellationToken), commune.Code);
            if (stream.Version == 0)
            {
                return new ChainHead(0, null);
            }

            // The score row at publication: the commune's state replayed by the grain's own rules, at the head's version.
            var state = CommuneState.FromStream(stream, CommuneState.Empty(commune.Name, members.ProvinceCode, district));
            var snapshot = new StreamSnapshot(stream.Version, ScoreJson.Write(state));
            if (await ReadAsync(() => storage.WriteSnapshotAsync(streamId, snapshot, cancellationToken), commune.Code) is { } head)
            {
                return new ChainHead(head.Version, head.Hash);
            }

            // A batch that passed its publication check just before publishing committed meanwhile: read again.
            if (attempt == SealAttempts)
            {
                throw new StorageUnavailableException(
                    $"Commune {commune.Code} kept changing while {_scope} {_period} was being sealed; publish again to finish sealing.");
            }
        }
    }

    private async Task<T> ReadAsync<T>(Func<Task<T>> operation, string commune)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogStorageFailed(logger, e, commune, _scope, _period.ToString());
            throw new StorageUnavailableException($"The database did not answer for commune {commune} while auditing {_scope} {_period}; retry shortly.");
        }
    }

    private async Task<ScopeMembers> MembersAsync(CancellationToken cancellationToken)
    {
        var province = UnitCodes.IsProvince(_scope)
            ? _scope
            : (await GrainFactory.GetGrain<IUnitGrain>(_scope).GetMembershipAsync(_period.Year, cancellationToken))?.ProvinceCode;
        return province is not null &&
            await GrainFactory.GetGrain<IUnitRegistryGrain>(province).GetScopeAsync(_scope, _period.Year, cancellationToken) is { } members
            ? members
            : throw RequestRejectedException.NotFound(
                $"{(UnitCodes.IsProvince(_scope) ? "Province" : "District")} {_scope} is not in the unit registry for {_period.Year}; check the code or import the province's units first.");
    }

    // Bounded: at most Parallelism storage reads in flight; the checks themselves run on this activation, one at a time.
    private static async Task<List<(string Code, T Result)>> ForEachCommuneAsync<T>(ScopeMembers members,
        Func<UnitRecord, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(Parallelism);
        var tasks = members.Communes.Select(async commune =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return (commune.Code, await work(commune, cancellationToken));
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        return [.. await Task.WhenAll(tasks)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage failed for commune {Commune} while auditing {Scope} {Period}.")]
    private static partial void LogStorageFailed(ILogger logger, Exception exception, string commune, string scope, string period);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit trail of {Scope} {Period} has {Count} broken link(s).")]
    private static partial void LogBroken(ILogger logger, string scope, string period, int count);
}
