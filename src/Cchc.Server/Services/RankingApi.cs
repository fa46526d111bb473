using Cchc.Api.V1;
using Cchc.Core.Comparison;
using Cchc.Core.Scorecards;
using Cchc.Grains;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;
using Cchc.Runtime;
using Cchc.Server.Mapping;
using Grpc.Core;
using CorePeriod = Cchc.Core.Period;

namespace Cchc.Server.Services;

/// <summary>cchc.v1.RankingService: pages of rankings, one unit's place, year comparisons and the live stream.</summary>
internal sealed class RankingApi(IGrainFactory grains, ApiAccess access, WatchSettings watch) : RankingService.RankingServiceBase
{
    /// <summary>What a client reads when the server stops under its live watch.</summary>
    public const string ShuttingDownMessage = "The server is shutting down; watch again with resume_after_version to continue.";

    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 1000;
    private readonly ApiScopes _scopes = new(grains);

    public override async Task<GetRankingResponse> GetRanking(GetRankingRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = access.Caller(context);
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var period = PeriodMapper.ToCore(request.Period);
        var pageSize = ApiArguments.PageSize(request.PageSize, DefaultPageSize, MaxPageSize);
        var offset = ApiArguments.PageOffset(request.PageToken);
        access.Demand(caller, await _scopes.ReadScopeAsync(scope, period));
        var view = await Ranking(scope, period).GetRankingAsync(FieldOrNull(request.FieldCode), offset, pageSize);
        var response = new GetRankingResponse
        {
            UnitCount = view.UnitCount,
            GroupCount = view.GroupCount,
            Version = view.Version,
            Published = view.Published,
        };
        response.Entries.Add(view.Rows.Select(RankingMapper.ToEntry));
        if (offset == 0)
        {
            response.Unranked.Add(view.Unranked.Select(RankingMapper.ToApi));
        }

        if (offset + pageSize < view.UnitCount)
        {
            response.NextPageToken = ApiArguments.PageToken(offset + pageSize);
        }

        return response;
    }

    public override async Task<GetUnitRankResponse> GetUnitRank(GetUnitRankRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = access.Caller(context);
        var unit = ApiArguments.CommuneCode(request.UnitCode, "unit_code");
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var period = PeriodMapper.ToCore(request.Period);
        access.Demand(caller, await _scopes.ReadScopeAsync(scope, period));
        var (row, view) = await Ranking(scope, period).GetUnitRankAsync(unit, FieldOrNull(request.FieldCode));
        if (row is null)
        {
            var reason = view.Unranked.FirstOrDefault(u => u.UnitCode == unit)?.Reason ?? "it has no index";
            throw ApiStatus.NotFound($"Commune {unit} is not ranked in {scope} for {period}: {reason}.");
        }

        return new GetUnitRankResponse { Entry = RankingMapper.ToEntry(row), Version = view.Version };
    }

    public override async Task<CompareYearsResponse> CompareYears(CompareYearsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = access.Caller(context);
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var (yearA, yearB) = (ApiArguments.Year(request.YearA, "year_a"), ApiArguments.Year(request.YearB, "year_b"));
        if (yearA >= yearB)
        {
            throw ApiArguments.Invalid($"year_a {yearA} must be earlier than year_b {yearB}.");
        }

        var unit = string.IsNullOrEmpty(request.UnitCode) ? null : ApiArguments.CommuneCode(request.UnitCode, "unit_code");
        access.Demand(caller, await _scopes.ReadScopeAsync(scope, CorePeriod.Annual(yearA), CorePeriod.Annual(yearB)));
        var later = await StandingsAsync(scope, yearB);
        if (unit is not null && later.Result(unit) is null)
        {
            throw ApiStatus.NotFound($"Commune {unit} is not in {scope} in {yearB}; check the codes.");
        }

        var codes = unit is null
            ? [.. later.Overall.Ranked.Select(r => r.UnitCode), .. later.Overall.Unranked.Select(u => u.UnitCode)]
            : new List<string> { unit };
        var response = new CompareYearsResponse();
        if (!CrossesMerger(yearA, yearB))
        {
            var earlier = await StandingsAsync(scope, yearA);
            response.Units.Add(codes.Select(c => RankingMapper.ToApi(PeriodComparer.CompareUnit(earlier, later, c), earlier.Framework)));
            return response;
        }

        // Across the July 2025 merger a commune is compared with the old communes it was formed from, each ranked
        // in its own old province: the basis is looked for in the province of each predecessor in turn.
        var predecessors = new PredecessorMap();
        var scopesByUnit = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            var membership = await grains.GetGrain<IUnitGrain>(code).GetMembershipAsync(yearB);
            var mapped = (membership?.Predecessors ?? []).OrderBy(p => p.Partial).ToList();
            predecessors.Add(code, mapped.Select(p => new Core.Comparison.Predecessor(p.Code, p.Name, !p.Partial)));
            var scopes = new List<string>();
            foreach (var old in mapped)
            {
                if (await grains.GetGrain<IUnitGrain>(old.Code).GetMembershipAsync(yearA) is { } was && !scopes.Contains(was.ProvinceCode))
                {
                    scopes.Add(was.ProvinceCode);
                }
            }

            scopesByUnit[code] = scopes;
        }

        var earlierByScope = new Dictionary<string, ScopeStandings>(StringComparer.Ordinal);
        foreach (var old in scopesByUnit.Values.SelectMany(s => s).Distinct(StringComparer.Ordinal))
        {
            earlierByScope[old] = await StandingsAsync(old, yearA);
        }

        foreach (var code in codes)
        {
            var candidates = scopesByUnit[code].Select(s => earlierByScope[s]).ToList();
            var compared = candidates.Select(e => (Earlier: e, Comparison: PeriodComparer.CompareUnit(e, later, code, predecessors))).ToList();
            var (earlier, comparison) = compared.FirstOrDefault(c => c.Comparison.Earlier is not null);
            if (comparison is null)
            {
                var empty = new ScopeStandings(later.Framework, later.Period, []);
                (earlier, comparison) = compared.Count > 0 ? compared[0] : (empty, PeriodComparer.CompareUnit(empty, later, code, predecessors));
            }

            response.Units.Add(RankingMapper.ToApi(comparison, earlier.Framework));
        }

        return response;
    }

    public override async Task WatchRanking(WatchRankingRequest request, IServerStreamWriter<WatchRankingResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var responses = responseStream;
        var caller = access.Caller(context);
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var period = PeriodMapper.ToCore(request.Period);
        if (request.ResumeAfterVersion < 0)
        {
            throw ApiArguments.Invalid($"resume_after_version {request.ResumeAfterVersion} is negative; give the last version seen, or 0.");
        }

        access.Demand(caller, await _scopes.ReadScopeAsync(scope, period));

        var field = FieldOrNull(request.FieldCode);
        var key = field ?? RankingGrain.Overall;
        var ranking = Ranking(scope, period);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, watch.ServerStopping);
        var keepAlive = KeepAliveAsync(ranking, field, stop.Token);
        var last = request.ResumeAfterVersion;
        try
        {
            while (true)
            {
                using var subscription = await ranking.SubscribeAsync(field, last);
                if (subscription.Snapshot is { } snapshot)
                {
                    await responses.WriteAsync(new WatchRankingResponse { Snapshot = RankingMapper.ToSnapshot(snapshot) }, stop.Token);
                    last = snapshot.Version;
                }

                try
                {
                    foreach (var missed in subscription.Missed)
                    {
                        last = await SendAsync(missed, last);
                    }

                    await foreach (var change in subscription.Events.ReadAllAsync(stop.Token))
                    {
                        last = await SendAsync(change, last);
                    }

                    return;
                }
                catch (RankingResyncRequiredException)
                {
                    // Fell behind: subscribe again from the last version sent; the grain answers with the missed
                    // updates or a fresh snapshot, never with a gap.
                }
            }
        }
        catch (OperationCanceledException) when (watch.ServerStopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw ApiStatus.Unavailable(ShuttingDownMessage);
        }
        finally
        {
            await stop.CancelAsync();
            await keepAlive;
        }

        async Task<long> SendAsync(RankingEvent change, long sent)
        {
            if (change.Version <= sent)
            {
                return sent;
            }

            await responses.WriteAsync(new WatchRankingResponse { Update = RankingMapper.ToUpdate(change, key) }, stop.Token);
            return change.Version;
        }
    }

    // A watched ranking must stay active: its subscribers live in the activation, and idle collection would drop
    // them silently. A cheap read every half idle period keeps it.
    private async Task KeepAliveAsync(IRankingGrain ranking, string? field, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(watch.KeepAliveInterval, watch.TimeProvider, cancellationToken);
                await ranking.GetRankingAsync(field, 0, 0);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (GrainRuntimeStoppedException)
        {
        }
    }

    private async Task<ScopeStandings> StandingsAsync(string scope, int year)
    {
        var period = CorePeriod.Annual(year);
        var candidates = await Ranking(scope, period).GetCandidatesAsync(null);
        var province = scope.Length == 2 ? scope : (await grains.GetGrain<IUnitGrain>(scope).GetMembershipAsync(year))?.ProvinceCode ?? scope;
        var framework = await grains.GetGrain<IFrameworkGrain>(GrainKeys.ForYear(province, year)).GetAsync()
            ?? throw ApiStatus.FailedPrecondition($"Province {province} has no framework for {year}, so {scope} has no results to compare.");
        var views = await Task.WhenAll(candidates.Select(c => grains.GetGrain<ICommuneGrain>(GrainKeys.ForPeriod(c.UnitCode, period)).GetViewAsync()));

        // Recomputed against one framework instance: results of one scope must share their framework.
        var results = views.Select(v => ScorecardCalculator.Compute(framework, v.Card));
        var excluded = candidates.Where(c => c.ExcludedReason is not null).ToDictionary(c => c.UnitCode, c => c.ExcludedReason!, StringComparer.Ordinal);
        return new ScopeStandings(framework, period, results, excluded);
    }

    private static bool CrossesMerger(int yearA, int yearB) => yearA <= Api.Import.NationalUnitsFile.LastThreeTierYear && yearB > Api.Import.NationalUnitsFile.LastThreeTierYear;

    private static string? FieldOrNull(string? fieldCode) => string.IsNullOrEmpty(fieldCode) ? null : fieldCode;

    private IRankingGrain Ranking(string scope, CorePeriod period) => grains.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(scope, period));
}
