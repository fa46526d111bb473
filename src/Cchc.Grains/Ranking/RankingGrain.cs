using System.Collections.Concurrent;
using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Core.Ranking;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Publication;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;
using Cchc.Runtime;

namespace Cchc.Grains.Ranking;

/// <summary>
/// Keeps a scope's rankings in memory, updated incrementally (<see cref="LiveRanking"/>) as communes report.
/// Nothing is stored: at activation it asks each member commune for its summary, so after a restart the rankings
/// equal those computed from the stored scores. The version is the sum of the members' versions, which makes it
/// survive restarts and grow by exactly one per accepted batch.
/// </summary>
public sealed class RankingGrain : Grain, IRankingGrain
{
    public const string Overall = "";
    private const int History = 4096;
    private const int SubscriberCapacity = 1024;

    private readonly Dictionary<string, LiveRanking> _rankings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CommuneSummary> _summaries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _members = new(StringComparer.Ordinal);
    private readonly Queue<RankingEvent> _history = new();
    private readonly ConcurrentDictionary<RankingSubscription, string> _subscribers = new();
    private string _scope = "";
    private Period _period = Period.Annual(2000);
    private Framework? _framework;
    private string? _province;
    private bool _known;
    private long _version;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_scope, _period) = GrainKeys.ParsePeriodKey(this.GetPrimaryKeyString());
        return LoadAsync();
    }

    // Watchers of a ranking that goes idle must not wait forever on a view nobody updates: they subscribe again.
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ResyncWatchers();
        return Task.CompletedTask;
    }

    private async Task LoadAsync()
    {
        _rankings.Clear();
        _summaries.Clear();
        _members.Clear();
        _history.Clear();
        _version = 0;
        _known = false;
        var province = _scope.Length == 2 ? _scope : (await GrainFactory.GetGrain<IUnitGrain>(_scope).GetMembershipAsync(_period.Year))?.ProvinceCode;
        _province = province;
        if (province is null || await GrainFactory.GetGrain<IUnitRegistryGrain>(province).GetEditionAsync(_period.Year) is not { } edition)
        {
            return;
        }

        _known = edition.ProvinceCode == _scope || edition.Units.Any(u => u.Code == _scope && u.Level == UnitLevel.District);
        _framework = await GrainFactory.GetGrain<IFrameworkGrain>(GrainKeys.ForYear(province, _period.Year)).GetAsync();
        _rankings[Overall] = new LiveRanking();
        foreach (var field in _framework?.Fields ?? [])
        {
            _rankings[field.Code] = new LiveRanking();
        }

        foreach (var commune in edition.CommunesOf(_scope))
        {
            _members[commune.Code] = commune.Name;
            Place(new CommuneSummary(commune.Code, commune.Name, 0, null, false, new Dictionary<string, decimal?>()));
        }

        var summaries = await Task.WhenAll(_members.Keys.Select(code =>
            GrainFactory.GetGrain<ICommuneGrain>(GrainKeys.ForPeriod(code, _period)).GetSummaryAsync()));
        foreach (var summary in summaries.OfType<CommuneSummary>())
        {
            _version += summary.Version;
            Place(summary);
        }
    }

    public async Task UpdateAsync(CommuneSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (await FrameworkChangedAsync())
        {
            // Rebuilt from every commune's current summary, this one included.
            return;
        }

        var known = _summaries.GetValueOrDefault(summary.UnitCode);
        if (!_members.ContainsKey(summary.UnitCode) || (known is not null && known.Version >= summary.Version))
        {
            return;
        }

        _version += summary.Version - (known?.Version ?? 0);
        Place(summary);
        RankingMetrics.UpdateApplied();
        var rows = _rankings.ToDictionary(r => r.Key, r => Row(r.Value, summary.UnitCode), StringComparer.Ordinal);
        var counts = _rankings.ToDictionary(r => r.Key, r => r.Value.UnitCount, StringComparer.Ordinal);
        var change = new RankingEvent(_version, summary.UnitCode, rows, counts);
        _history.Enqueue(change);
        if (_history.Count > History)
        {
            _history.Dequeue();
        }

        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Offer(change);
        }
    }

    public async Task<RankingView> GetRankingAsync(string? fieldCode, int offset, int count)
    {
        await FrameworkChangedAsync();
        var ranking = Ranking(fieldCode);
        var previous = await PreviousAsync(fieldCode);
        var rows = ranking.Page(offset, count).Select(u => ToRow(u, previous)).ToList();
        return await ViewAsync(ranking, rows);
    }

    public async Task<(RankingRow? Row, RankingView Summary)> GetUnitRankAsync(string unitCode, string? fieldCode)
    {
        await FrameworkChangedAsync();
        var ranking = Ranking(fieldCode);
        if (!_members.ContainsKey(unitCode))
        {
            throw RequestRejectedException.NotFound(
                $"Commune {unitCode} is not a member of {_scope} in {_period.Year}; check the commune and the scope codes.");
        }

        var row = ranking.Find(unitCode) is { } unit ? ToRow(unit, await PreviousAsync(fieldCode)) : null;
        return (row, await ViewAsync(ranking, []));
    }

    public async Task<IReadOnlyList<RankCandidate>> GetCandidatesAsync(string? fieldCode)
    {
        await FrameworkChangedAsync();
        var key = Ranking(fieldCode) == _rankings[Overall] ? Overall : fieldCode!;
        return [.. _members.Select(m => Candidate(_summaries.GetValueOrDefault(m.Key), m.Key, m.Value, key))];
    }

    public async Task<IReadOnlyDictionary<string, PreviousStanding>> GetStandingsAsync(string? fieldCode)
    {
        await FrameworkChangedAsync();
        IReadOnlyDictionary<string, PreviousStanding> standings = _known && _rankings.TryGetValue(fieldCode ?? Overall, out var ranking)
            ? ranking.Page(0, ranking.UnitCount).ToDictionary(u => u.UnitCode,
                u => new PreviousStanding(u.Rank.CompetitionRank, u.Index, _framework?.ClassOf(u.Index)), StringComparer.Ordinal)
            : new Dictionary<string, PreviousStanding>();
        return standings;
    }

    public async Task<RankingSubscription> SubscribeAsync(string? fieldCode, long resumeAfterVersion)
    {
        await FrameworkChangedAsync();
        var ranking = Ranking(fieldCode);
        var subscription = new RankingSubscription(SubscriberCapacity, s =>
        {
            if (_subscribers.TryRemove(s, out _))
            {
                RankingMetrics.SubscriberRemoved();
            }
        });
        var missed = _history.Where(e => e.Version > resumeAfterVersion).ToList();
        var canResume = resumeAfterVersion > 0 && resumeAfterVersion <= _version &&
            (resumeAfterVersion == _version || (missed.Count > 0 && missed[0].Version == resumeAfterVersion + 1));
        if (canResume)
        {
            subscription.Missed = missed;
        }
        else
        {
            var previous = await PreviousAsync(fieldCode);
            subscription.Snapshot = await ViewAsync(ranking, [.. ranking.Page(0, ranking.UnitCount).Select(u => ToRow(u, previous))]);
        }

        _subscribers[subscription] = fieldCode ?? Overall;
        RankingMetrics.SubscriberAdded();
        return subscription;
    }

    /// <summary>
    /// A framework put (or replaced) after this ranking was built changes its fields, bands and every index: rebuild
    /// from the communes, whose summaries are computed against the framework they read, and restart the watchers.
    /// </summary>
    private async Task<bool> FrameworkChangedAsync()
    {
        if (_province is null)
        {
            return false;
        }

        var framework = await GrainFactory.GetGrain<IFrameworkGrain>(GrainKeys.ForYear(_province, _period.Year)).GetAsync();
        if (ReferenceEquals(framework, _framework))
        {
            return false;
        }

        ResyncWatchers();
        await LoadAsync();
        return true;
    }

    private void ResyncWatchers()
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            subscriber.Resync(_version);
        }
    }

    private void Place(CommuneSummary summary)
    {
        _summaries[summary.UnitCode] = summary;
        foreach (var (key, ranking) in _rankings)
        {
            ranking.Upsert(Candidate(summary, summary.UnitCode, _members[summary.UnitCode], key));
        }
    }

    private static RankCandidate Candidate(CommuneSummary? summary, string code, string name, string key)
    {
        var index = summary is null ? null : key == Overall ? summary.Index : summary.FieldIndices.GetValueOrDefault(key);
        var reason = summary is null || summary.Version == 0 ? "no scores entered" : index is null ? "no item of it evaluated" : null;
        return new RankCandidate(code, name, index, reason);
    }

    private RankingRow? Row(LiveRanking ranking, string unitCode) =>
        ranking.Find(unitCode) is { } unit ? ToRow(unit, null) : null;

    private RankingRow ToRow(RankedUnit unit, IReadOnlyDictionary<string, PreviousStanding>? previous) =>
        new(unit, _framework?.ClassOf(unit.Index), _summaries.GetValueOrDefault(unit.UnitCode)?.Provisional ?? false,
            previous?.GetValueOrDefault(unit.UnitCode));

    private LiveRanking Ranking(string? fieldCode)
    {
        if (!_known)
        {
            throw RequestRejectedException.NotFound(
                $"No province or district {_scope} is registered for {_period.Year}; check the scope code or import its units.");
        }

        return _rankings.TryGetValue(fieldCode ?? Overall, out var ranking)
            ? ranking
            : throw RequestRejectedException.Invalid(
                $"Field '{fieldCode}' is not in the {_period.Year} framework; its fields are {string.Join(", ", _rankings.Keys.Where(k => k.Length > 0))}.");
    }

    private async Task<RankingView> ViewAsync(LiveRanking ranking, IReadOnlyList<RankingRow> rows)
    {
        var published = await GrainFactory.GetGrain<IPublicationGrain>(GrainKeys.ForPeriod(_scope, _period)).GetAsync();
        return new RankingView(_version, ranking.UnitCount, ranking.GroupCount, rows, ranking.Unranked(), published is not null);
    }

    // The previous period of the same kind, in the same shape of the country: across the July 2025 merger the
    // scopes and communes differ, so "up N places" is only given by CompareYears with predecessors.
    private async Task<IReadOnlyDictionary<string, PreviousStanding>?> PreviousAsync(string? fieldCode)
    {
        var previous = Periods.Previous(_period);
        if (previous.Year < 2000 || (previous.Year <= 2024) != (_period.Year <= 2024))
        {
            return null;
        }

        var standings = await GrainFactory.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(_scope, previous)).GetStandingsAsync(fieldCode);
        return standings.Count == 0 ? null : standings;
    }
}
