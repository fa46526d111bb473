using Cchc.Core;
using Cchc.Core.Comparison;
using Cchc.Core.Progress;
using Cchc.Core.Ranking;
using Cchc.Core.Units;
using Cchc.Grains.Audit;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Publication;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Cchc.Grains.Ranking;

/// <summary>
/// Keeps a scope's rankings in memory, updated incrementally (<see cref="LiveRanking"/>) as communes report.
/// Nothing is stored: at activation it asks each member commune for its summary, so after a restart the rankings
/// equal those computed from the stored scores. The version is the sum of the members' versions, which makes it
/// survive restarts and grow by exactly one per accepted batch. Changes go to the hubs subscribed through an
/// <see cref="ObserverManager{TObserver}"/>, one awaited call per hub and change, so each hub sees them in order.
/// </summary>
public sealed partial class RankingGrain(IOptions<RankingWatchOptions> options, FrameworkWatches frameworks, RankingBoards boards, TimeProvider clock,
    ILogger<RankingGrain> logger)
    : Grain, IRankingGrain
{
    public const string Overall = "";

    private readonly RankingWatchOptions _options = options.Value;
    private readonly Dictionary<string, LiveRanking> _rankings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CommuneSummary> _summaries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _members = new(StringComparer.Ordinal);
    private readonly Queue<RankingEvent> _history = new();

    // The previous period's places by field ("" overall), kept once that period is published (final); at most one
    // entry per field of the previous framework.
    private readonly Dictionary<string, IReadOnlyDictionary<string, PreviousStanding>?> _finalPrevious = new(StringComparer.Ordinal);
    // This period's places by field, as the next period reads them, with the epoch and version they were built at; at
    // most one entry per field of the framework.
    private readonly Dictionary<string, (Guid Epoch, long Version, IReadOnlyDictionary<string, PreviousStanding> Places)> _places = new(StringComparer.Ordinal);
    private readonly WholeRankings _whole = new();
    private readonly PreviousWatch _previous = new(frameworks.Terms());

    // The next period's rankings that read this one's places since its last change, with when they asked: each is sent
    // one notice at the next change or deactivation. A reader renews within RenewEvery while it reads, so one that asked
    // longer ago than twice that holds no copy to drop and is not woken. Bound: the rankings of the periods that
    // follow this one (one in practice).
    private readonly Dictionary<IRankingGrain, DateTimeOffset> _readers = [];
    private bool? _published;
    private RankingBoard? _board;
    private ObserverManager<IRankingObserver>? _observers;
    private string _key = "";
    private string _scope = "";
    private Period _period = Period.Annual(2000);
    private FrameworkWatch? _frameworks;
    private (long Version, Core.Frameworks.Framework Framework)? _framework;
    private bool _known;
    private string? _province;
    private ScopeProgress? _progress;
    private (int Regular, int Survey) _leaves;
    private long _version;
    private Guid _epoch;

    private ObserverManager<IRankingObserver> Observers => _observers ??= new(_options.SubscriptionExpiry, logger)
    {
        GetDateTime = () => clock.GetUtcNow().UtcDateTime,
    };

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = this.GetPrimaryKeyString();
        (_scope, _period) = GrainKeys.ParsePeriodKey(_key);
        return LoadAsync(cancellationToken);
    }

    // Watchers of a ranking that goes idle or moves must not wait forever on a view nobody updates: they resync.
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        CloseBoard();
        TellReaders();
        if (_observers is { Count: > 0 } observers)
        {
            await observers.Notify(o => o.OnRankingResetAsync(_key, _epoch, _version));
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CloseBoard();
        _rankings.Clear();
        _summaries.Clear();
        _members.Clear();
        _history.Clear();
        _whole.Clear();
        TellReaders();
        _version = 0;
        _known = false;
        _framework = null;
        _progress = null;
        _epoch = Guid.NewGuid();
        var province = UnitCodes.IsProvince(_scope)
            ? _scope
            : (await GrainFactory.GetGrain<IUnitGrain>(_scope).GetMembershipAsync(_period.Year, cancellationToken))?.ProvinceCode;
        if (province is null ||
            await GrainFactory.GetGrain<IUnitRegistryGrain>(province).GetScopeAsync(_scope, _period.Year, cancellationToken) is not { } members)
        {
            return;
        }

        _known = true;
        _province = province;
        _frameworks ??= frameworks.For(GrainFactory, province, _period.Year, this.AsReference<IFrameworkWatcher>());
        _framework = await _frameworks.GetAsync(cancellationToken);
        if (_framework is { Framework: var framework })
        {
            var survey = framework.Leaves.Count(l => framework.IsSurveyBased(l.Code));
            _leaves = (framework.Leaves.Count - survey, survey);
            _progress = ScopeProgress.Empty;
        }

        _rankings[Overall] = new LiveRanking();
        foreach (var field in _framework?.Framework.Fields ?? [])
        {
            _rankings[field.Code] = new LiveRanking();
        }

        foreach (var commune in members.Communes)
        {
            _members[commune.Code] = commune.Name;
            Place(new CommuneSummary(commune.Code, commune.Name, 0, null, false, new Dictionary<string, decimal?>(), 0));
        }

        // Without a framework for the period no commune has a summary to give (each would answer null, after reading its
        // stream): the ranking of a year before any framework, whose places every read of the next year's ranking asks
        // for, would otherwise activate all its communes at each restart. A framework put later rebuilds this ranking.
        if (_framework is null)
        {
            return;
        }

        var summaries = await Task.WhenAll(_members.Keys.Select(code =>
            GrainFactory.GetGrain<ICommuneGrain>(GrainKeys.ForPeriod(code, _period)).GetSummaryAsync(cancellationToken)));
        foreach (var summary in summaries.OfType<CommuneSummary>())
        {
            _version += summary.Version;
            Place(summary);
        }
    }

    public async Task UpdateAsync(CommuneSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.FrameworkVersion != (_framework?.Version ?? 0))
        {
            // The commune read a framework put after the one held here; the put's notice may still be on its way.
            _frameworks?.MarkStale();
            CloseBoard();
        }

        if (await FrameworkChangedAsync(CancellationToken.None))
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
        _whole.Clear();
        CloseBoard();
        TellReaders();
        Place(summary);
        RankingMetrics.UpdateApplied();
        var rows = _rankings.ToDictionary(r => r.Key, r => Row(r.Value, summary.UnitCode), StringComparer.Ordinal);
        var counts = _rankings.ToDictionary(r => r.Key, r => r.Value.UnitCount, StringComparer.Ordinal);
        var change = new RankingEvent(_version, summary.UnitCode, rows, counts, ProgressRow(summary.UnitCode),
            _progress is { } progress ? ProgressTotals.From(progress) : null);
        _history.Enqueue(change);
        var kept = _observers is { Count: > 0 } ? _options.HistoryLength : Math.Min(_options.HistoryLength, _options.UnwatchedHistoryLength);
        while (_history.Count > kept)
        {
            _history.Dequeue();
        }

        if (_observers is { Count: > 0 } observers)
        {
            await observers.Notify(o => o.OnRankingChangedAsync(_key, _epoch, change));
        }
    }

    public async Task<RankingView> GetRankingAsync(string? fieldCode, int offset, int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var deaths = frameworks.Deaths;
        await FrameworkChangedAsync(cancellationToken);
        var ranking = Ranking(fieldCode);
        var previous = await PreviousAsync(fieldCode, cancellationToken);
        if (offset == 0)
        {
            return (await FirstPageAsync(fieldCode, count, ranking, previous, deaths, cancellationToken)).View;
        }

        return PageView(ranking, offset, count, previous, await PublishedAsync(cancellationToken));
    }

    public async Task<FirstPageRead> ReadFirstPageAsync(string? fieldCode, int count, Guid held, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var deaths = frameworks.Deaths;
        await FrameworkChangedAsync(cancellationToken);
        var ranking = Ranking(fieldCode);
        var previous = await PreviousAsync(fieldCode, cancellationToken);
        var (view, id) = await FirstPageAsync(fieldCode, count, ranking, previous, deaths, cancellationToken);
        return new FirstPageRead(id, id == held ? null : view);
    }

    public async Task<UnitRankView> GetUnitRankAsync(string unitCode, string? fieldCode, CancellationToken cancellationToken = default)
    {
        var deaths = frameworks.Deaths;
        await FrameworkChangedAsync(cancellationToken);
        var ranking = Ranking(fieldCode);
        if (!_members.ContainsKey(unitCode))
        {
            throw RequestRejectedException.NotFound(
                $"Commune {unitCode} is not a member of {_scope} in {_period.Year}; check the commune and the scope codes.");
        }

        var row = ranking.Find(unitCode) is { } unit ? ToRow(unit, await PreviousAsync(fieldCode, cancellationToken)) : null;
        var published = await PublishedAsync(cancellationToken);
        var view = new UnitRankView(row, row is null ? ranking.FindUnranked(unitCode)?.Reason ?? "it has no index" : null, _version,
            ranking.UnitCount, published);
        var key = fieldCode ?? Overall;
        Board.KeepUnit(unitCode, key, view, ReadTerms(key, deaths));
        return view;
    }

    public async Task<IReadOnlyList<RankingCandidate>> GetCandidatesAsync(string? fieldCode, CancellationToken cancellationToken = default)
    {
        await FrameworkChangedAsync(cancellationToken);
        var key = KeyOf(fieldCode);
        return [.. _members.Select(m => RankingCandidate.Of(Candidate(_summaries.GetValueOrDefault(m.Key), m.Key, m.Value, key)))];
    }

    public async Task<Standings> GetStandingsAsync(string? fieldCode, IRankingGrain? reader, CancellationToken cancellationToken = default)
    {
        await FrameworkChangedAsync(cancellationToken);
        var standings = new Standings(Places(fieldCode ?? Overall), await PublishedAsync(cancellationToken));
        if (reader is not null && !standings.Final)
        {
            _readers[reader] = clock.GetUtcNow();
        }

        return standings;
    }

    public Task OnPreviousChangedAsync()
    {
        _previous.MarkStale();
        CloseBoard();
        return Task.CompletedTask;
    }

    private void TellReaders()
    {
        if (_readers.Count == 0)
        {
            return;
        }

        var lapsed = clock.GetUtcNow() - (2 * _options.RenewEvery);
        foreach (var (reader, askedAt) in _readers)
        {
            if (askedAt > lapsed)
            {
                // One-way: the send returns at once, and a change never waits on the next period's ranking.
                _ = reader.OnPreviousChangedAsync();
            }
        }

        _readers.Clear();
    }

    // Built once per version: every read of the next period's ranking asks for them, and a province's are 549 entries.
    private IReadOnlyDictionary<string, PreviousStanding> Places(string key)
    {
        if (!_known || !_rankings.TryGetValue(key, out var ranking))
        {
            return new Dictionary<string, PreviousStanding>(StringComparer.Ordinal);
        }

        if (_places.TryGetValue(key, out var kept) && kept.Epoch == _epoch && kept.Version == _version)
        {
            return kept.Places;
        }

        var places = ranking.Page(0, ranking.UnitCount).ToDictionary(u => u.UnitCode,
            u => new PreviousStanding(u.Rank.CompetitionRank, u.Index, _framework?.Framework.ClassOf(u.Index)), StringComparer.Ordinal);
        _places[key] = (_epoch, _version, places);
        return places;
    }

    public async Task<PublicationResult> PublishAsync(string principal, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        await FrameworkChangedAsync(cancellationToken);
        var ranking = Ranking(null);
        PublicationRecord record;
        try
        {
            record = await GrainFactory.GetGrain<IPublicationGrain>(GrainKeys.ForPeriod(_scope, _period)).PublishAsync(principal, cancellationToken);
        }
        catch
        {
            // It may have been stored before the answer was lost: read it again next time.
            _published = null;
            CloseBoard();
            throw;
        }

        _published = true;
        CloseBoard();

        // The score rows and chain heads of the published period, so the audit can tell later changes; a retried
        // publication finishes a seal that failed.
        await GrainFactory.GetGrain<IAuditGrain>(GrainKeys.ForPeriod(_scope, _period)).SealAsync(cancellationToken);
        return new PublicationResult(ranking.UnitCount, record.PublishedAt, record.Principal);
    }

    public async Task<RankingFeedStart> GetFeedStartAsync(string? fieldCode, long resumeAfterVersion, CancellationToken cancellationToken = default)
    {
        await FrameworkChangedAsync(cancellationToken);
        var ranking = Ranking(fieldCode);
        List<RankingEvent> missed = [.. _history.Where(e => e.Version > resumeAfterVersion)];
        var canResume = resumeAfterVersion > 0 && resumeAfterVersion <= _version &&
            (resumeAfterVersion == _version || (missed.Count > 0 && missed[0].Version == resumeAfterVersion + 1));
        if (canResume)
        {
            return new RankingFeedStart(null, missed, _version, _epoch);
        }

        var previous = await PreviousAsync(fieldCode, cancellationToken);
        var stamp = await StampAsync(previous, cancellationToken);
        var snapshot = _whole.GetSnapshot(fieldCode ?? Overall, stamp, () => WholeView(ranking, previous, stamp.Published),
            view => view with { Progress = _progress is null ? null : Progress(null) });
        return new RankingFeedStart(snapshot, [], _version, _epoch);
    }

    public async Task<ProgressView> GetProgressAsync(string? communeCode, CancellationToken cancellationToken = default)
    {
        await FrameworkChangedAsync(cancellationToken);
        _ = Ranking(null); // NotFound for a scope the registry does not know.
        if (_framework is not { Framework: var framework } || _progress is null)
        {
            throw RequestRejectedException.Precondition(
                $"Province {_province} has no framework for {_period.Year}, so there is nothing to count progress against; put it first (FrameworkService.PutFramework).");
        }

        if (!framework.Serves(_period.Kind))
        {
            throw RequestRejectedException.Precondition(
                $"The {_period.Year} framework of province {_province} does not serve {KindName(_period.Kind)} periods such as {_period}; " +
                $"it serves {string.Join(", ", framework.Definition.Periods.Select(KindName))}. Ask for one of those, or put the framework again with {KindName(_period.Kind)} periods.");
        }

        if (communeCode is not null && !_members.ContainsKey(communeCode))
        {
            throw RequestRejectedException.NotFound(
                $"Commune {communeCode} is not a member of {_scope} in {_period.Year}; check the commune and the scope codes.");
        }

        return Progress(communeCode);
    }

    public Task<RankingSubscription> SubscribeAsync(IRankingObserver observer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Observers.ClearExpired();
        Observers.Subscribe(observer, observer);
        return Task.FromResult(new RankingSubscription(_epoch, _version));
    }

    public Task OnFrameworkChangedAsync(string frameworkKey)
    {
        _frameworks?.MarkStale();
        CloseBoard();
        return Task.CompletedTask;
    }

    public Task OnFrameworkLeavingAsync(string frameworkKey) => OnFrameworkChangedAsync(frameworkKey);

    public Task UnsubscribeAsync(IRankingObserver observer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(observer);
        Observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A framework put (or replaced) after this ranking was built changes its fields, bands and every index: rebuild
    /// from the communes (whose summaries follow the framework they read) and tell the hubs to resync their watchers.
    /// </summary>
    private async Task<bool> FrameworkChangedAsync(CancellationToken cancellationToken)
    {
        if (_frameworks is null)
        {
            return false;
        }

        var version = (await _frameworks.GetAsync(cancellationToken))?.Version ?? 0;
        if (version == (_framework?.Version ?? 0))
        {
            return false;
        }

        LogRebuild(logger, _key, _framework?.Version ?? 0, version);
        var before = _version;
        var oldEpoch = _epoch;
        await LoadAsync(cancellationToken);
        if (_observers is { Count: > 0 } observers)
        {
            await observers.Notify(o => o.OnRankingResetAsync(_key, oldEpoch, before));
        }

        return true;
    }

    private void Place(CommuneSummary summary)
    {
        if (_progress is { } progress)
        {
            _progress = (_summaries.GetValueOrDefault(summary.UnitCode) is { } before ? progress.Remove(ProgressOf(before)) : progress).Add(ProgressOf(summary));
        }

        _summaries[summary.UnitCode] = summary;
        foreach (var (key, ranking) in _rankings)
        {
            ranking.Upsert(Candidate(summary, summary.UnitCode, _members[summary.UnitCode], key));
        }
    }

    // A placeholder (nothing reported yet) has entered nothing of the framework's leaves.
    private CommuneProgress ProgressOf(CommuneSummary summary) =>
        summary.Progress?.ToCore() ?? CommuneProgress.Nothing(_leaves.Regular, _leaves.Survey);

    private CommuneProgressRow? ProgressRow(string unitCode) =>
        _progress is null ? null : new CommuneProgressRow(unitCode, _members[unitCode], ProgressCounts.From(ProgressOf(_summaries[unitCode])));

    // Rows in the order rankings break ties: Vietnamese collation of the names, then the code.
    private ProgressView Progress(string? communeCode) =>
        new(_version, ProgressTotals.From(_progress!),
        [
            .. _members.Keys.Where(code => communeCode is null || code == communeCode)
                .Select(code => ProgressRow(code)!)
                .OrderBy(r => r.Name, VietnameseNameComparer.Instance).ThenBy(r => r.UnitCode, StringComparer.Ordinal),
        ]);

    private static string KindName(PeriodKind kind) => kind switch
    {
        PeriodKind.HalfYear => "half-year (6 tháng)",
        PeriodKind.Quarter => "quarter (quý)",
        _ => "annual (năm)",
    };

    private static RankCandidate Candidate(CommuneSummary? summary, string code, string name, string key)
    {
        var index = summary is null ? null : key == Overall ? summary.Index : summary.FieldIndices.GetValueOrDefault(key);
        var reason = summary is null || summary.Version == 0 ? "no scores entered" : index is null ? "no item of it evaluated" : null;
        return new RankCandidate(code, name, index, reason);
    }

    private RankingRow? Row(LiveRanking ranking, string unitCode) =>
        ranking.Find(unitCode) is { } unit ? ToRow(unit, null) : null;

    private RankingRow ToRow(RankedUnit unit, IReadOnlyDictionary<string, PreviousStanding>? previous) =>
        new(unit.UnitCode, unit.Name, unit.Index, RankPlace.From(unit.Rank), _framework?.Framework.ClassOf(unit.Index),
            _summaries.GetValueOrDefault(unit.UnitCode)?.Provisional ?? false, previous?.GetValueOrDefault(unit.UnitCode));

    private string KeyOf(string? fieldCode) => Ranking(fieldCode) == _rankings[Overall] ? Overall : fieldCode!;

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

    // Only this grain publishes its scope and period (PublishAsync), and a publication is never undone: what it read
    // once holds until it publishes, and a read no longer asks the publication grain.
    private async Task<bool> PublishedAsync(CancellationToken cancellationToken) =>
        _published ??= await GrainFactory.GetGrain<IPublicationGrain>(GrainKeys.ForPeriod(_scope, _period)).GetAsync(cancellationToken) is not null;

    private RankingView WholeView(LiveRanking ranking, IReadOnlyDictionary<string, PreviousStanding>? previous, bool published) =>
        PageView(ranking, 0, ranking.UnitCount, previous, published);

    private RankingView PageView(LiveRanking ranking, int offset, int count, IReadOnlyDictionary<string, PreviousStanding>? previous, bool published) =>
        View(ranking, ranking.Page(offset, count).Select(u => ToRow(u, previous)).ToList(), published);

    private RankingView View(LiveRanking ranking, IReadOnlyList<RankingRow> rows, bool published) =>
        new(_version, ranking.UnitCount, ranking.GroupCount, rows,
            [.. ranking.Unranked().Select(u => new UnrankedRow(u.UnitCode, u.Name, u.Reason))], published);

    // The whole ranking when the page holds every unit; either is kept until the ranking changes, and on the board.
    private async Task<(RankingView View, Guid Id)> FirstPageAsync(string? fieldCode, int count, LiveRanking ranking,
        IReadOnlyDictionary<string, PreviousStanding>? previous, long deaths, CancellationToken cancellationToken)
    {
        var stamp = await StampAsync(previous, cancellationToken);
        var key = fieldCode ?? Overall;
        var page = count >= ranking.UnitCount
            ? _whole.GetWithId(key, stamp, () => WholeView(ranking, previous, stamp.Published))
            : _whole.GetFirstPageWithId(key, count, stamp, () => PageView(ranking, 0, count, previous, stamp.Published));
        Board.KeepFirstPage(key, count, page.View, ReadTerms(key, deaths));
        return page;
    }

    private RankingBoard Board => _board ??= boards.Open(_key);

    // In the turn that may change what a read shows, before any read can see it: the board's answers predate it.
    private void CloseBoard()
    {
        if (_board is { } board)
        {
            boards.Close(_key, board);
            _board = null;
        }
    }

    // What a read of this ranking (overall or a field) rests on besides the ranking itself: the framework as last asked,
    // and the previous period's places unless they are final; a death since the read began makes both stale.
    private RankingBoard.Terms ReadTerms(string key, long deaths)
    {
        var until = _frameworks?.HoldsUntil ?? DateTimeOffset.MaxValue;
        if (!_finalPrevious.ContainsKey(key) && _previous.HoldsUntil(key) is { } previous && previous < until)
        {
            until = previous;
        }

        return new(until, deaths);
    }

    private async Task<WholeRankings.Stamp> StampAsync(IReadOnlyDictionary<string, PreviousStanding>? previous, CancellationToken cancellationToken) =>
        new(_epoch, _version, await PublishedAsync(cancellationToken), previous);

    // The previous period of the same kind, in the same shape of the country: across the July 2025 merger the
    // scopes and communes differ, so "up N places" is only given by CompareYears with predecessors.
    private async Task<IReadOnlyDictionary<string, PreviousStanding>?> PreviousAsync(string? fieldCode, CancellationToken cancellationToken)
    {
        if (_period.Year == 2000 && _period.Number == 1)
        {
            return null;
        }

        var previous = PeriodPair.Previous(_period);
        if (UnitCodes.CrossesMerger(previous.Year, _period.Year))
        {
            return null;
        }

        var key = fieldCode ?? Overall;
        if (_finalPrevious.TryGetValue(key, out var final) || _previous.TryGet(key, out final))
        {
            return final;
        }

        var ask = _previous.Begin();
        var standings = await GrainFactory.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(_scope, previous))
            .GetStandingsAsync(fieldCode, this.AsReference<IRankingGrain>(), cancellationToken);
        var places = standings.Places.Count == 0 ? null : standings.Places;
        if (standings.Final)
        {
            _finalPrevious[key] = places;
        }
        else
        {
            _previous.Keep(key, ask, places);
        }

        return places;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ranking {Key} rebuilt: its framework went from version {From} to {To}.")]
    private static partial void LogRebuild(ILogger logger, string key, long from, long to);
}
