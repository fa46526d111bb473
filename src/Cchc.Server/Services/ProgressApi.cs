using Cchc.Api.V1;
using Cchc.Grains;
using Cchc.Grains.Ranking;
using Cchc.Server.Mapping;
using Grpc.Core;

namespace Cchc.Server.Services;

/// <summary>cchc.v1.ProgressService: how far a scope's communes are with each stage of a period.</summary>
internal sealed class ProgressApi(IGrainFactory grains, ApiAccess access) : ProgressService.ProgressServiceBase
{
    private readonly ApiScopes _scopes = new(grains);

    public override async Task<GetProgressResponse> GetProgress(GetProgressRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var period = PeriodMapper.ToCore(request.Period);
        var commune = string.IsNullOrEmpty(request.CommuneCode) ? null : ApiArguments.CommuneCode(request.CommuneCode, "commune_code");

        // The progress lives with the scope's live ranking: the same figures its watchers receive.
        access.Demand(caller, await _scopes.ReadScopeAsync(scope, [period], context.CancellationToken));
        var view = await grains.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(scope, period)).GetProgressAsync(commune, context.CancellationToken);
        return ProgressMapper.ToResponse(view);
    }
}
