using Cchc.Api.V1;
using Cchc.Core.LostPoints;
using Cchc.Grains;
using Cchc.Grains.Publication;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Runtime;
using Cchc.Security.Policy;
using Cchc.Server.Hosting;
using Cchc.Server.Mapping;
using Grpc.Core;
using Microsoft.Extensions.Options;
using CorePeriod = Cchc.Core.Period;

namespace Cchc.Server.Services;

/// <summary>cchc.v1.ScoringService: score batches, scorecards, lost points and publication.</summary>
internal sealed class ScoringApi(IGrainFactory grains, ApiAccess access, IOptions<ServerOptions> options) : ScoringService.ScoringServiceBase
{
    private readonly ApiScopes _scopes = new(grains);

    public override async Task<SubmitScoresResponse> SubmitScores(SubmitScoresRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var commune = ApiArguments.CommuneCode(request.CommuneCode, "commune_code");
        var period = PeriodMapper.ToCore(request.Period);
        ScoreMapper.ToStage(request.Stage);
        var membership = await _scopes.CommuneAsync(commune, period.Year);
        access.Demand(caller, new SubmitScores(request.Stage, commune, membership.ProvinceCode, membership.DistrictCode));
        var submission = ScoreMapper.ToSubmission(request, caller.AuditName, options.Value.MaxBatchItems);

        // A call its client gave up on before the commit writes nothing. The grain's SubmitAsync takes no token yet
        // (the grain runtime has none to pass), so this is the last point the call's cancellation can stop it.
        context.CancellationToken.ThrowIfCancellationRequested();
        var outcome = await Commune(commune, period).SubmitAsync(submission);
        return ScoreMapper.ToApi(outcome);
    }

    public override async Task<GetScorecardResponse> GetScorecard(GetScorecardRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = access.Caller(context);
        var commune = ApiArguments.CommuneCode(request.CommuneCode, "commune_code");
        var period = PeriodMapper.ToCore(request.Period);
        access.Demand(caller, await _scopes.ReadCommuneAsync(commune, period));
        var view = await Commune(commune, period).GetViewAsync();
        var response = new GetScorecardResponse
        {
            CommuneCode = commune,
            CommuneName = view.Card.UnitName,
            Period = PeriodMapper.ToApi(period),
            Index = ScoreMapper.Figure(view.Result.Index),
            ClassName = view.Result.ClassName ?? "",
            Provisional = view.Result.IsProvisional,
        };
        response.Fields.Add(ScoreMapper.ToNodes(view.Result));
        response.Total = ScoreMapper.ToTotal(view.Result);

        // Read after the commune answered: the commune never waits on a ranking (that could deadlock), the service may.
        if (await RankAsync(view.ProvinceCode, commune, period) is { } provinceRank)
        {
            response.ProvinceRank = provinceRank;
        }

        if (view.DistrictCode is { } district && await RankAsync(district, commune, period) is { } districtRank)
        {
            response.DistrictRank = districtRank;
        }

        return response;
    }

    public override async Task<GetLostPointsResponse> GetLostPoints(GetLostPointsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = access.Caller(context);
        var commune = ApiArguments.CommuneCode(request.CommuneCode, "commune_code");
        var period = PeriodMapper.ToCore(request.Period);
        access.Demand(caller, await _scopes.ReadCommuneAsync(commune, period));
        var view = await Commune(commune, period).GetViewAsync();
        var response = new GetLostPointsResponse();
        response.Items.Add(LostPointAnalyzer.Analyze(view.Result).Select(ScoreMapper.ToApi));
        if (request.WhatIfFullItems.Count == 0)
        {
            return response;
        }

        var framework = view.Result.Framework;
        var codes = request.WhatIfFullItems.ToList();
        if (codes.Where(c => !framework.Contains(c)).ToList() is { Count: > 0 } unknown)
        {
            throw ApiArguments.Invalid(
                $"what_if_full_items: {string.Join(", ", unknown)} {(unknown.Count == 1 ? "is" : "are")} not in the framework {framework.Name}; give leaf or group codes of it.");
        }

        var province = await Ranking(view.ProvinceCode, period).GetCandidatesAsync(null);
        var atProvince = WhatIfAnalyzer.AtFullPoints(framework, view.Card, codes, province);
        WhatIfResult? atDistrict = null;
        if (view.DistrictCode is { } district)
        {
            var candidates = await Ranking(district, period).GetCandidatesAsync(null);
            atDistrict = WhatIfAnalyzer.AtFullPoints(framework, view.Card, codes, candidates);
        }

        response.WhatIf = ScoreMapper.ToApi(atProvince, atDistrict);
        return response;
    }

    public override async Task<PublishPeriodResponse> PublishPeriod(PublishPeriodRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = access.Caller(context);
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var period = PeriodMapper.ToCore(request.Period);
        access.Demand(caller, new Publish(scope, await _scopes.ProvinceOfAsync(scope, period.Year)));
        var ranking = Ranking(scope, period);

        // Reading the ranking first refuses a scope that is not registered for the year.
        await ranking.GetRankingAsync(null, 0, 0);
        var record = await grains.GetGrain<IPublicationGrain>(GrainKeys.ForPeriod(scope, period)).PublishAsync(caller.AuditName);
        var view = await ranking.GetRankingAsync(null, 0, 0);
        return new PublishPeriodResponse
        {
            UnitCount = view.UnitCount,
            PublishedAt = record.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private async Task<RankingEntry?> RankAsync(string scope, string commune, CorePeriod period)
    {
        var (row, _) = await Ranking(scope, period).GetUnitRankAsync(commune, null);
        return row is null ? null : RankingMapper.ToEntry(row);
    }

    private ICommuneGrain Commune(string code, CorePeriod period) => grains.GetGrain<ICommuneGrain>(GrainKeys.ForPeriod(code, period));

    private IRankingGrain Ranking(string scope, CorePeriod period) => grains.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(scope, period));
}
