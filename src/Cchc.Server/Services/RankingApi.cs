using Cchc.Api.V1;
using Cchc.Grains;
using Cchc.Grains.Comparison;
using Cchc.Grains.Ranking;
using Cchc.Server.Mapping;
using Grpc.Core;
using CoreBasis = Cchc.Core.Comparison.ComparisonBasis;
using CorePeriod = Cchc.Core.Period;
using PeriodPair = Cchc.Core.Comparison.PeriodPair;

namespace Cchc.Server.Services;

/// <summary>cchc.v1.RankingService: pages of rankings, one unit's place, year and period comparisons and the live stream.</summary>
internal sealed class RankingApi(IGrainFactory grains, RankingHub hub, ApiAccess access, WatchSettings watch, SharedMessages shared,
    RankingBoards boards)
    : RankingService.RankingServiceBase
{
    /// <summary>What a client reads when the server stops under its live watch.</summary>
    public const string ShuttingDownMessage = "The server is shutting down; watch again, on another server of the cluster if there is one, with resume_after_version to continue.";

    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 1000;
    private const int MaxUpdatesPerMessage = 1000;
    private const int MaxWaitMs = 1000;
    private static readonly WriteOptions BufferedWrite = new(WriteFlags.BufferHint);
    private readonly ApiScopes _scopes = new(grains);

    public override async Task<GetRankingResponse> GetRanking(GetRankingRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var period = PeriodMapper.ToCore(request.Period);
        var pageSize = ApiArguments.PageSize(request.PageSize, DefaultPageSize, MaxPageSize);
        var offset = ApiArguments.PageOffset(request.PageToken);
        var province = await _scopes.ProvinceOfAsync(scope, period.Year, context.CancellationToken);
        var view = offset == 0
            ? await boards.ReadFirstPageAsync(GrainKeys.ForPeriod(scope, period), FieldOrNull(request.FieldCode), pageSize, context.CancellationToken)
            : await Ranking(scope, period).GetRankingAsync(FieldOrNull(request.FieldCode), offset, pageSize, context.CancellationToken);
        access.Demand(caller, await _scopes.ReadScopeAsync(scope, province, period, view.Published, context.CancellationToken));
        if (offset == 0)
        {
            // The first page, or the whole ranking: every such read on this silo gets the same view until the ranking
            // changes, wherever the ranking lives, and each of them the same answer, encoded once.
            return shared.FirstPageOf(view);
        }

        var response = RankingMapper.ToPage(view, first: false);
        if (offset + pageSize < view.UnitCount)
        {
            response.NextPageToken = ApiArguments.PageToken(offset + pageSize);
        }

        return response;
    }

    public override async Task<GetUnitRankResponse> GetUnitRank(GetUnitRankRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var unit = ApiArguments.CommuneCode(request.UnitCode, "unit_code");
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var period = PeriodMapper.ToCore(request.Period);
        // The ranking is asked first and says whether its scope published the period, which saves the read a call to
        // the publication grain; nothing of its answer leaves before the access check has passed.
        var province = await _scopes.ProvinceOfAsync(scope, period.Year, context.CancellationToken);
        var view = await boards.GetUnitRankAsync(GrainKeys.ForPeriod(scope, period), unit, FieldOrNull(request.FieldCode), context.CancellationToken);
        access.Demand(caller, await _scopes.ReadScopeAsync(scope, province, period, view.Published, context.CancellationToken));
        return view.Row is { } row
            ? new GetUnitRankResponse { Entry = RankingMapper.ToEntry(row), Version = view.Version }
            : throw ApiStatus.NotFound($"Commune {unit} is not ranked in {scope} for {period}: {view.UnrankedReason}.");
    }

    public override async Task<CompareYearsResponse> CompareYears(CompareYearsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var (yearA, yearB) = (ApiArguments.Year(request.YearA, "year_a"), ApiArguments.Year(request.YearB, "year_b"));
        if (yearA >= yearB)
        {
            throw ApiArguments.Invalid($"year_a {yearA} must be earlier than year_b {yearB}.");
        }

        var unit = string.IsNullOrEmpty(request.UnitCode) ? null : ApiArguments.CommuneCode(request.UnitCode, "unit_code");
        access.Demand(caller, await _scopes.ReadScopeAsync(scope, [CorePeriod.Annual(yearA), CorePeriod.Annual(yearB)], context.CancellationToken));
        var comparison = await grains.GetGrain<IComparisonGrain>(scope).CompareYearsAsync(yearA, yearB, unit, context.CancellationToken);
        var response = new CompareYearsResponse();
        response.Units.Add(comparison.Units.Select(RankingMapper.ToApi));
        return response;
    }

    public override async Task<ComparePeriodsResponse> ComparePeriods(ComparePeriodsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var pair = ComparedPeriods(request);
        var unit = string.IsNullOrEmpty(request.UnitCode) ? null : ApiArguments.CommuneCode(request.UnitCode, "unit_code");
        access.Demand(caller, await _scopes.ReadScopeAsync(scope, [pair.Earlier, pair.Later], context.CancellationToken));
        var comparison = await grains.GetGrain<IComparisonGrain>(scope).ComparePeriodsAsync(pair.Earlier.ToString(), pair.Later.ToString(), unit, context.CancellationToken);
        var response = new ComparePeriodsResponse { PeriodA = PeriodMapper.ToApi(pair.Earlier), PeriodB = PeriodMapper.ToApi(pair.Later) };
        response.Units.Add(comparison.Units.Select(RankingMapper.ToApi));
        return response;
    }

    public override async Task WatchRanking(WatchRankingRequest request, IServerStreamWriter<WatchRankingResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var period = PeriodMapper.ToCore(request.Period);
        if (request.ResumeAfterVersion < 0)
        {
            throw ApiArguments.Invalid($"resume_after_version {request.ResumeAfterVersion} is negative; give the last version seen, or 0.");
        }

        if (request.MaxUpdatesPerMessage is < 0 or > MaxUpdatesPerMessage)
        {
            throw ApiArguments.Invalid(
                $"max_updates_per_message {request.MaxUpdatesPerMessage} is out of range; give 1 to {MaxUpdatesPerMessage}, or 0 for one update per message.");
        }

        if (request.MaxWaitMs is < 0 or > MaxWaitMs)
        {
            throw ApiArguments.Invalid($"max_wait_ms {request.MaxWaitMs} is out of range; give 0 to {MaxWaitMs}.");
        }

        if (request.MaxWaitMs > 0 && request.MaxUpdatesPerMessage == 0)
        {
            throw ApiArguments.Invalid(
                $"max_wait_ms {request.MaxWaitMs} holds updates back for later ones to join their message; set max_updates_per_message too.");
        }

        access.Demand(caller, await _scopes.ReadScopeAsync(scope, [period], context.CancellationToken));

        // This silo's hub feeds the stream through a bounded buffer of its own: a snapshot (or the missed updates when
        // resuming), then every update in version order; a watcher that falls behind gets a fresh snapshot instead.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, watch.ServerStopping);
        var perMessage = Math.Max(1, request.MaxUpdatesPerMessage);
        var batching = new FeedBatching(perMessage, TimeSpan.FromMilliseconds(request.MaxWaitMs));
        RankingUpdates? batch = null;
        try
        {
            await foreach (var item in hub.WatchAsync(scope, period, FieldOrNull(request.FieldCode), request.ResumeAfterVersion, batching, stop.Token))
            {
                if (item.Snapshot is { } snapshot)
                {
                    if (batch is not null)
                    {
                        await WriteAsync(Message(batch), true);
                        batch = null;
                    }

                    // Flushed, not buffered, within its slot: until then its copy holds the server's memory.
                    using (await watch.Snapshots.EnterAsync(stop.Token))
                    {
                        await WriteAsync(new WatchRankingResponse { Snapshot = shared.SnapshotOf(snapshot) }, false);
                    }

                    continue;
                }

                if (item.Frame is { } frame)
                {
                    // A batch formed once for every watcher on this silo that batches alike, and encoded once.
                    if (batch is not null)
                    {
                        await WriteAsync(Message(batch), true);
                        batch = null;
                    }

                    await WriteAsync(frame.IsShared ? shared.FrameOf(frame) : OwnMessage(frame), item.MoreWaiting);
                    continue;
                }

                // Updates already queued behind this one join it in one message, up to the client's limit: past a few
                // hundred watchers the messages, not the updates, are what the fan-out spends its time on.
                (batch ??= new RankingUpdates()).Updates.Add(shared.Of(item.Update!));
                if (item.MoreWaiting && batch.Updates.Count < perMessage)
                {
                    continue;
                }

                await WriteAsync(Message(batch), item.MoreWaiting);
                batch = null;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException &&
            watch.ServerStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw ApiStatus.Unavailable(ShuttingDownMessage);
        }

        // A burst of queued messages goes out in one flush, not one write to the connection each: at a thousand
        // watchers the flushes were the fan-out's limit.
        Task WriteAsync(WatchRankingResponse message, bool moreWaiting)
        {
            responseStream.WriteOptions = moreWaiting ? BufferedWrite : null;
            return responseStream.WriteAsync(message, stop.Token);
        }
    }

    // A frame made for this watcher alone (frames joined when it fell behind): written from its updates' shared bytes
    // straight into the stream, not encoded whole first for a reuse that never comes.
    private WatchRankingResponse OwnMessage(RankingFeedFrame frame)
    {
        var batch = new RankingUpdates();
        foreach (var update in frame.Updates)
        {
            batch.Updates.Add(shared.Of(update));
        }

        return Message(batch);
    }

    private static WatchRankingResponse Message(RankingUpdates batch) =>
        batch.Updates.Count == 1 ? new WatchRankingResponse { Update = batch.Updates[0] } : new WatchRankingResponse { Updates = batch };

    /// <summary>The later period and the one it is compared against: by basis, or given outright.</summary>
    private static PeriodPair ComparedPeriods(ComparePeriodsRequest request)
    {
        var later = PeriodMapper.ToCore(request.Period, "period");
        if (request.EarlierPeriod is { } given)
        {
            if (request.Against != ComparisonBasis.Unspecified)
            {
                throw ApiArguments.Invalid("Give against or earlier_period, not both.");
            }

            var earlier = PeriodMapper.ToCore(given, "earlier_period");
            return PeriodPair.ProblemWith(earlier, later) is { } problem
                ? throw ApiArguments.Invalid($"earlier_period {earlier} and period {later}: {problem}")
                : PeriodPair.Of(earlier, later);
        }

        var basis = request.Against switch
        {
            ComparisonBasis.PreviousPeriod => CoreBasis.PreviousPeriod,
            ComparisonBasis.SamePeriodLastYear => CoreBasis.SamePeriodLastYear,
            ComparisonBasis.Unspecified => throw ApiArguments.Invalid(
                "against is missing: give PREVIOUS_PERIOD or SAME_PERIOD_LAST_YEAR, or an earlier_period of the same kind."),
            _ => throw ApiArguments.Invalid($"against {(int)request.Against} is not a comparison basis; give PREVIOUS_PERIOD or SAME_PERIOD_LAST_YEAR."),
        };
        try
        {
            return PeriodPair.Against(later, basis);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw ApiArguments.Invalid($"period {later} has no earlier period to compare with from 2000 on; give a later period.");
        }
    }

    private static string? FieldOrNull(string? fieldCode) => string.IsNullOrEmpty(fieldCode) ? null : fieldCode;

    private IRankingGrain Ranking(string scope, CorePeriod period) => grains.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(scope, period));
}
