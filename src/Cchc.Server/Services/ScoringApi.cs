using Cchc.Api.V1;
using Cchc.Grains;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
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
        var membership = await _scopes.CommuneAsync(commune, period.Year, context.CancellationToken);
        access.Demand(caller, new SubmitScores(request.Stage, commune, membership.ProvinceCode, membership.DistrictCode));
        var submission = ScoreMapper.ToSubmission(request, caller.AuditName, options.Value.MaxBatchItems);

        // The call's token travels with the grain call: a client that gives up before the commit writes nothing.
        var outcome = await Commune(commune, period).SubmitAsync(submission, context.CancellationToken);
        return ScoreMapper.ToApi(outcome);
    }

    public override async Task<GetScorecardResponse> GetScorecard(GetScorecardRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var commune = ApiArguments.CommuneCode(request.CommuneCode, "commune_code");
        var period = PeriodMapper.ToCore(request.Period);
        access.Demand(caller, await _scopes.ReadCommuneAsync(commune, period, context.CancellationToken));
        var card = await Commune(commune, period).GetScorecardAsync(context.CancellationToken);
        return ScoreMapper.ToApi(card, commune, period);
    }

    public override async Task<GetLostPointsResponse> GetLostPoints(GetLostPointsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var commune = ApiArguments.CommuneCode(request.CommuneCode, "commune_code");
        var period = PeriodMapper.ToCore(request.Period);
        access.Demand(caller, await _scopes.ReadCommuneAsync(commune, period, context.CancellationToken));
        var lost = await Commune(commune, period).GetLostPointsAsync([.. request.WhatIfFullItems], context.CancellationToken);
        var response = new GetLostPointsResponse();
        response.Items.Add(lost.Items.Select(ScoreMapper.ToApi));
        if (lost.WhatIf is { } whatIf)
        {
            response.WhatIf = ScoreMapper.ToApi(whatIf);
        }

        return response;
    }

    public override async Task<PublishPeriodResponse> PublishPeriod(PublishPeriodRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var period = PeriodMapper.ToCore(request.Period);
        access.Demand(caller, new Publish(scope, await _scopes.ProvinceOfAsync(scope, period.Year, context.CancellationToken)));
        var published = await grains.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(scope, period)).PublishAsync(caller.AuditName, context.CancellationToken);
        return new PublishPeriodResponse
        {
            UnitCount = published.UnitCount,
            PublishedAt = published.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private ICommuneGrain Commune(string code, CorePeriod period) => grains.GetGrain<ICommuneGrain>(GrainKeys.ForPeriod(code, period));
}
