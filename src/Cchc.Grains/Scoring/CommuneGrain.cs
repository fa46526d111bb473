using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Core.LostPoints;
using Cchc.Core.Progress;
using Cchc.Core.Scorecards;
using Cchc.Grains.Deadlines;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Ranking;
using Cchc.Grains.Units;
using Cchc.Storage;
using Microsoft.Extensions.Logging;

namespace Cchc.Grains.Scoring;

/// <summary>
/// Holds one commune's scores for one period as a stream of accepted batches.
/// </summary>
/// <remarks>
/// Why a plain grain over <see cref="IScoreStorage"/> and not a <c>JournaledGrain</c>: with custom log-consistency
/// storage, a storage that throws makes Orleans retry for ever (the caller never gets an answer and the activation
/// cannot deactivate), and an event raised with <c>RaiseEvent</c> after a failed version check is silently applied
/// again on the new state, its recorded "old value" gone stale (see shared/STACK.md). Here each accepted batch is one
/// append of its audit entries (the events) with the version check and the idempotency record in one transaction,
/// through the per-process group commit, plus a snapshot every <see cref="SnapshotEvery"/> batches in the same
/// transaction; nothing rewrites the whole state. A failed version check re-reads the stream and decides again once
/// (then ABORTED); any other storage failure answers UNAVAILABLE at once and marks the state stale, so the next call
/// re-reads the version and events (an append that did commit is then seen, and its key answered from storage).
/// </remarks>
public sealed partial class CommuneGrain(IScoreStorage storage, FrameworkWatches frameworks, TimeProvider clock, ILogger<CommuneGrain> logger)
    : Grain, ICommuneGrain
{
    /// <summary>A snapshot is written with every this-many-th batch, so activation replays fewer than this many events.</summary>
    public const int SnapshotEvery = 32;

    private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, RankingDelivery> _deliveries = new(StringComparer.Ordinal);
    private string _code = "";
    private string _streamId = "";
    private Period _period = Period.Annual(2000);
    private UnitMembership? _membership;
    private CommuneState? _state;
    private Dictionary<string, ItemState>? _items;
    private (ScopeGrains Province, ScopeGrains? District)? _scopes;
    private Task<CommuneState>? _loading;
    private bool _stale;

    // The stream's idempotency keys as of the last read and this activation's appends since; null: look every key up.
    private StoredKeys? _keys;
    private FrameworkWatch? _framework;
    // What the rankings read, for the state's version under one framework version. The whole scorecard is not kept:
    // at 30 KB a commune it was a third of an active commune's memory, and only scorecard reads need it again.
    private (long FrameworkVersion, CommuneSummary Summary)? _summary;

    /// <summary>The stream of a commune's period: "commune/&lt;code&gt;/&lt;period&gt;", e.g. "commune/11116/2022".</summary>
    public static string StreamIdOf(string communeCode, Period period) => $"commune/{GrainKeys.ForPeriod(communeCode, period)}";

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_code, _period) = GrainKeys.ParsePeriodKey(this.GetPrimaryKeyString());
        _streamId = StreamIdOf(_code, _period);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Summaries still on their way to a ranking get a moment to go out before the activation does, no more: a silo
        // leaving deactivates thousands of communes, and its rankings may be leaving too. One that does not go out is
        // taken when the ranking is next rebuilt.
        await Task.WhenAll(_deliveries.Values.Select(d => d.Drained)).WaitAsync(DrainTime, cancellationToken)
            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    public async Task<SubmitOutcome> SubmitAsync(ScoreSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var membership = await CommuneAsync(cancellationToken);
        var state = await StateAsync(membership, cancellationToken);
        var key = submission.IdempotencyKey is { Length: > 0 } k ? k : null;
        if (key is not null && await StoredAnswerAsync(key, cancellationToken) is { } earlier)
        {
            return Replay(earlier);
        }

        var (province, district) = _scopes ??= (Scope(membership.ProvinceCode), membership.DistrictCode is { } districtCode ? Scope(districtCode) : null);
        await EnsureOpenAsync(province, membership, cancellationToken);
        if (district is not null)
        {
            await EnsureOpenAsync(district, membership, cancellationToken);
        }

        await DeadlineGate.EnsureWithinWindowAsync(province, district, _code, _period, submission.Stage, clock.GetUtcNow(), cancellationToken);
        var (frameworkVersion, framework) = await FrameworkAsync(membership.ProvinceCode, cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            SubmissionRules.Check(framework, state.Items, submission);
            var now = clock.GetUtcNow();
            var changes = new Dictionary<string, ItemState>(submission.Items.Count, StringComparer.Ordinal);
            var entries = new List<AuditEntry>(submission.Items.Count);
            foreach (var item in submission.Items)
            {
                // Keyed by the framework's own code string, shared by every commune, not the request's copy of it.
                var code = framework.Node(item.ItemCode).Code;
                var before = changes.GetValueOrDefault(code) ?? state.Items.GetValueOrDefault(code) ?? new ItemState();
                var value = StageValue.From(item, now, submission.Principal);
                changes[code] = before.With(submission.Stage, value);
                entries.Add(new AuditEntry(now, submission.Principal, _code, _period.ToString(), item.ItemCode,
                    submission.Stage.ToString(), before.At(submission.Stage)?.Describe(), value.Describe(), item.Evidence,
                    item.Comment, key, ScoreJson.Write(value)));
            }

            // Scored and snapshotted as a view of the items with this batch's changes, not a copy of every leaf's entry
            // for each write; the grain's own items take the changes once they are durable (Apply).
            var next = state with { Version = state.Version + 1, Items = new ItemsWithChanges(state.Items, changes) };
            var result = Compute(framework, next);
            var outcome = new SubmitOutcome(submission.Items.Count, result.Index, result.IsProvisional, next.Version);
            var append = new StreamAppend(_streamId, state.Version, entries,
                key is null ? null : new IdempotentResponse(key, ScoreJson.Write(outcome)),
                next.Version % SnapshotEvery == 0 ? new StreamSnapshot(next.Version, ScoreJson.Write(next)) : null);

            // The last moment a caller's cancellation can still mean "nothing was written"; the storage honours it too
            // while the append waits in its queue, and not once the transaction holds it.
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await storage.AppendAsync(append, cancellationToken);
            }
            catch (DuplicateIdempotencyKeyException duplicate) when (duplicate.StoredResponse is { } stored)
            {
                // Another activation (or an append whose answer we lost) used the key: it was applied, this was not.
                _stale = true;
                return Replay(stored);
            }
            catch (StreamVersionConflictException conflict)
            {
                _stale = true;
                LogConflict(logger, _streamId, conflict.ExpectedVersion, conflict.ActualVersion ?? 0);
                if (attempt > 0)
                {
                    throw RequestRejectedException.Aborted(
                        $"The scores of commune {_code} for {_period} were changed by another writer at the same moment; nothing was stored. Send the batch again.");
                }

                state = await StateAsync(membership, cancellationToken);
                continue;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (StorageBusyException busy)
            {
                // Refused before it was queued: nothing was written and the state is still current.
                throw new StorageUnavailableException(busy.Message);
            }
            catch (StorageFullException full)
            {
                // Rolled back: nothing stored, and retrying helps only once the operator has freed space.
                // The volume's path goes to the log, for the operator; the caller learns what it can do.
                _stale = true;
                LogDiskFull(logger, full, _streamId);
                throw new RequestRejectedException(RejectionKind.ResourceExhausted, DiskFull.Advice);
            }
            catch (Exception e)
            {
                _stale = true;
                LogAppendFailed(logger, e, _streamId, state.Version);
                throw new StorageUnavailableException(
                    $"The database failed while storing the batch for commune {_code} ({_period}); it may or may not have been stored. " +
                    "Retry it with the same idempotency key, which applies it once.");
            }

            if (key is not null && _keys?.Add(key) == false)
            {
                _keys = null;
            }

            var summary = Summarize(next, result, frameworkVersion);
            _state = Apply(state, changes, next.Version);
            _summary = (frameworkVersion, summary);
            Notify(summary, membership);
            return outcome;
        }
    }

    public async Task<ScorecardView> GetScorecardAsync(CancellationToken cancellationToken = default)
    {
        var membership = await CommuneAsync(cancellationToken);
        var state = await StateAsync(membership, cancellationToken);
        var (frameworkVersion, framework) = await FrameworkAsync(membership.ProvinceCode, cancellationToken);
        var result = Compute(framework, state);

        // The ranks come from the rankings, which may ask this commune for its summary meanwhile (it interleaves).
        var provinceRank = await RankAsync(membership.ProvinceCode, cancellationToken);
        var districtRank = membership.DistrictCode is { } district ? await RankAsync(district, cancellationToken) : null;
        return new ScorecardView(_code, state.UnitName, _period.ToString(), membership.ProvinceCode, membership.DistrictCode,
            state.Version, frameworkVersion, result.Index, result.ClassName, result.IsProvisional, ScorecardViews.Total(result),
            provinceRank, districtRank);
    }

    public async Task<LostPointsView> GetLostPointsAsync(IReadOnlyList<string> whatIfItems, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(whatIfItems);
        var membership = await CommuneAsync(cancellationToken);
        var state = await StateAsync(membership, cancellationToken);
        var (frameworkVersion, framework) = await FrameworkAsync(membership.ProvinceCode, cancellationToken);
        var result = Compute(framework, state);
        List<LostPointRow> lost =
        [
            .. LostPointAnalyzer.Analyze(result).Select(i => new LostPointRow(i.Code, i.Name, i.Max, i.Points, i.Lost,
                i.SelfPoints, i.AppraisedPoints, i.AppraisalGap, i.CouncilComment)),
        ];
        if (whatIfItems.Count == 0)
        {
            return new LostPointsView(lost, null);
        }

        if (whatIfItems.Where(c => !framework.Contains(c)).ToList() is { Count: > 0 } unknown)
        {
            throw RequestRejectedException.Invalid(
                $"What-if items {string.Join(", ", unknown)} {(unknown.Count == 1 ? "is" : "are")} not in the framework {framework.Name}; give leaf or group codes of it.");
        }

        var card = state.ToScorecard(_code, _period);
        var atProvince = await WhatIfAsync(membership.ProvinceCode, framework, card, whatIfItems, cancellationToken);
        var atDistrict = membership.DistrictCode is { } district ? await WhatIfAsync(district, framework, card, whatIfItems, cancellationToken) : null;
        return new LostPointsView(lost, new WhatIfView([.. whatIfItems], atProvince.CurrentIndex, atProvince.CurrentClass,
            atProvince.NewIndex, atProvince.NewClass, atProvince.PointsGained, RankPlace.FromNullable(atProvince.CurrentRank),
            RankPlace.FromNullable(atProvince.NewRank), RankPlace.FromNullable(atDistrict?.CurrentRank), RankPlace.FromNullable(atDistrict?.NewRank)));
    }

    public async Task<CommuneScores> GetScoresAsync(CancellationToken cancellationToken = default)
    {
        var membership = await CommuneAsync(cancellationToken);
        return CommuneScores.Of(_code, await StateAsync(membership, cancellationToken));
    }

    public async Task<CommuneSummary?> GetSummaryAsync(CancellationToken cancellationToken = default)
    {
        if (await TryCommuneAsync(cancellationToken) is not { } membership ||
            await StateAsync(membership, cancellationToken) is not { Version: > 0 } state)
        {
            // Nothing entered. No DeactivateOnIdle here: this call interleaves, so the activation may be inside a
            // scorecard read that waits on the very ranking asking; deactivating it would hold every later call to
            // this commune (the next ranking's included) until that read timed out. Idle collection removes it.
            return null;
        }

        if (await Framework(membership.ProvinceCode).GetAsync(cancellationToken) is not { } framework)
        {
            return null;
        }

        // A write may have been applied during that wait, its items updated in place: the current state, not the one
        // read before it, pairs those items with their version.
        return SummaryOf(framework.Framework, framework.Version, _state ?? state);
    }

    public Task OnFrameworkChangedAsync(string frameworkKey)
    {
        _framework?.MarkStale();
        return Task.CompletedTask;
    }

    public Task OnFrameworkLeavingAsync(string frameworkKey) => OnFrameworkChangedAsync(frameworkKey);

    public Task OnDeadlinesChangedAsync(string deadlineKey)
    {
        if (_scopes is var (province, district))
        {
            foreach (var scope in (ReadOnlySpan<ScopeGrains?>)[province, district])
            {
                if (scope?.DeadlineKey == deadlineKey)
                {
                    scope.Deadlines.MarkStale();
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task OnDeadlinesLeavingAsync(string deadlineKey) => OnDeadlinesChangedAsync(deadlineKey);

    private async Task<CommuneState> StateAsync(UnitMembership membership, CancellationToken cancellationToken)
    {
        if (_state is { } state && !_stale)
        {
            return state;
        }

        // One read at a time: GetSummaryAsync interleaves with the other calls and may need the state too.
        var loading = _loading ??= LoadAsync(membership);
        try
        {
            return await loading.WaitAsync(cancellationToken);
        }
        finally
        {
            if (loading.IsCompleted && ReferenceEquals(_loading, loading))
            {
                _loading = null;
            }
        }
    }

    private async Task<CommuneState> LoadAsync(UnitMembership membership)
    {
        StoredStream stream;
        try
        {
            stream = await storage.ReadStreamAsync(_streamId);
        }
        catch (Exception e)
        {
            LogReadFailed(logger, e, _streamId);
            throw new StorageUnavailableException($"The database did not answer reading commune {_code} ({_period}); retry shortly.");
        }

        var loaded = CommuneState.FromStream(stream, CommuneState.Empty(membership.Name, membership.ProvinceCode, membership.DistrictCode))
            with { UnitName = membership.Name, ProvinceCode = membership.ProvinceCode, DistrictCode = membership.DistrictCode };
        var advanced = _state is { } before && loaded.Version > before.Version;
        _state = loaded;
        _items = loaded.Items as Dictionary<string, ItemState>;
        _keys = StoredKeys.Of(stream);
        _stale = false;
        if (advanced)
        {
            // An append whose answer was lost had committed after all: the rankings must hear of it.
            LogCaughtUp(logger, _streamId, loaded.Version);
            if (await Framework(membership.ProvinceCode).GetAsync(CancellationToken.None) is { } framework)
            {
                Notify(SummaryOf(framework.Framework, framework.Version, loaded), membership);
            }
        }

        return loaded;
    }

    private async Task<string?> StoredAnswerAsync(string key, CancellationToken cancellationToken)
    {
        if (!_stale && _keys?.MayHold(key) == false)
        {
            return null;
        }

        try
        {
            return await storage.FindIdempotentResponseAsync(_streamId, key, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogReadFailed(logger, e, _streamId);
            throw new StorageUnavailableException($"The database did not answer checking idempotency key '{key}' of commune {_code}; retry shortly.");
        }
    }

    private async Task<UnitMembership?> TryCommuneAsync(CancellationToken cancellationToken)
    {
        // Kept once found; asked again while unknown, since the province's units may be imported meanwhile.
        if (_membership is null && await GrainFactory.GetGrain<IUnitGrain>(_code).GetMembershipAsync(_period.Year, cancellationToken) is
            { Level: UnitLevel.Commune } membership)
        {
            _membership = membership;
        }

        return _membership;
    }

    private async Task<UnitMembership> CommuneAsync(CancellationToken cancellationToken) =>
        await TryCommuneAsync(cancellationToken) ?? throw RequestRejectedException.NotFound(
            $"Commune {_code} is not in the unit registry for {_period.Year}; check the code or import the province's units first.");

    /// <summary>
    /// The state once <paramref name="changes"/> are durable. The grain's items are its own dictionary, changed in place
    /// (see <see cref="GetScoresAsync"/>, which hands out a copy); a state whose items are not such a dictionary is copied
    /// once into one.
    /// </summary>
    private CommuneState Apply(CommuneState state, Dictionary<string, ItemState> changes, long version)
    {
        // Sized for the items it is about to hold rather than grown by doubling: an active commune keeps its dictionary
        // for its activation, at national scale ten thousand of them, and a doubled one is up to half empty.
        var added = 0;
        foreach (var code in changes.Keys)
        {
            added += state.Items.ContainsKey(code) ? 0 : 1;
        }

        if (!ReferenceEquals(state.Items, _items))
        {
            _items = new Dictionary<string, ItemState>(state.Items.Count + added, StringComparer.Ordinal);
            foreach (var (code, item) in state.Items)
            {
                _items[code] = item;
            }
        }
        else
        {
            _items.EnsureCapacity(_items.Count + added);
        }

        foreach (var (code, item) in changes)
        {
            _items[code] = item;
        }

        return state with { Version = version, Items = _items };
    }

    private ScorecardResult Compute(Framework framework, CommuneState state) =>
        ScorecardCalculator.Compute(framework, state.ToScorecard(_code, _period));

    private CommuneSummary SummaryOf(Framework framework, long frameworkVersion, CommuneState state)
    {
        if (_summary is { } known && known.FrameworkVersion == frameworkVersion && known.Summary.Version == state.Version)
        {
            return known.Summary;
        }

        var summary = Summarize(state, Compute(framework, state), frameworkVersion);
        _summary = (frameworkVersion, summary);
        return summary;
    }

    // The progress is counted from the result, against the framework it was computed with, so index and progress agree.
    private CommuneSummary Summarize(CommuneState state, ScorecardResult result, long frameworkVersion) =>
        new(_code, state.UnitName, state.Version, result.Index, result.IsProvisional,
            result.Fields.ToDictionary(f => f.Code, f => f.Index, StringComparer.Ordinal), frameworkVersion,
            ProgressCounts.From(ProgressCounter.Count(result)));

    private void Notify(CommuneSummary summary, UnitMembership membership)
    {
        // In the background: a ranking never holds up a commune's write, and a ranking that is down catches up at
        // activation; one that misses a summary in transit gets it again.
        foreach (var scope in Scopes(membership))
        {
            var key = GrainKeys.ForPeriod(scope, _period);
            if (!_deliveries.TryGetValue(key, out var delivery))
            {
                delivery = new RankingDelivery(GrainFactory.GetGrain<IRankingGrain>(key), key, clock, logger);
                _deliveries[key] = delivery;
            }

            delivery.Send(summary);
        }
    }

    private static IEnumerable<string> Scopes(UnitMembership membership) =>
        membership.DistrictCode is { } district ? [membership.ProvinceCode, district] : [membership.ProvinceCode];

    private async Task<RankingRow?> RankAsync(string scope, CancellationToken cancellationToken)
    {
        try
        {
            return (await GrainFactory.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(scope, _period)).GetUnitRankAsync(_code, null, cancellationToken)).Row;
        }
        catch (RequestRejectedException)
        {
            // The scope's registry no longer lists this commune for the year: the scorecard stands without that rank.
            return null;
        }
    }

    private async Task<WhatIfResult> WhatIfAsync(string scope, Framework framework, Scorecard card, IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        var candidates = await GrainFactory.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(scope, _period)).GetCandidatesAsync(null, cancellationToken);
        return WhatIfAnalyzer.AtFullPoints(framework, card, codes, candidates.Select(c => c.ToCore()));
    }

    private async Task EnsureOpenAsync(ScopeGrains scope, UnitMembership membership, CancellationToken cancellationToken)
    {
        if (await scope.Publication.GetAsync(cancellationToken) is { } published)
        {
            throw RequestRejectedException.Precondition(
                $"The results of {scope.Scope} for {_period} were published on {published.PublishedAt:yyyy-MM-dd}; " +
                $"scores of commune {_code} ({membership.Name}) can no longer change.");
        }
    }

    private ScopeGrains Scope(string scope) =>
        ScopeGrains.For(GrainFactory, scope, _period, _code, this.AsReference<IDeadlineWatcher>(), frameworks.Terms());

    private FrameworkWatch Framework(string province) =>
        _framework ??= frameworks.For(GrainFactory, province, _period.Year, this.AsReference<IFrameworkWatcher>());

    private async Task<(long Version, Framework Framework)> FrameworkAsync(string province, CancellationToken cancellationToken)
    {
        var current = await Framework(province).GetAsync(cancellationToken) ?? throw RequestRejectedException.Precondition(
            $"Province {province} has no framework for {_period.Year}; put it first (FrameworkService.PutFramework).");
        return current.Framework.Serves(_period.Kind)
            ? current
            : throw RequestRejectedException.Precondition(
                $"The {_period.Year} framework of province {province} does not serve {_period.Kind} periods; " +
                "put it again with that period kind, or score the annual period.");
    }

    private static SubmitOutcome Replay(string stored) => ScoreJson.Read<SubmitOutcome>(stored) with { Replayed = true };

    [LoggerMessage(Level = LogLevel.Error, Message = "Appending to {Stream} was rolled back: the database's disk is full. Free space on its volume.")]
    private static partial void LogDiskFull(ILogger logger, Exception exception, string stream);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Appending to {Stream} at version {Version} failed; the outcome is unknown, the stream will be re-read.")]
    private static partial void LogAppendFailed(ILogger logger, Exception exception, string stream, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading {Stream} failed.")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string stream);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Stream} expected version {Expected} but is at {Actual}: another writer appended; re-reading.")]
    private static partial void LogConflict(ILogger logger, string stream, long expected, long actual);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Stream} re-read at version {Version}: an append whose outcome was unknown had committed.")]
    private static partial void LogCaughtUp(ILogger logger, string stream, long version);
}
