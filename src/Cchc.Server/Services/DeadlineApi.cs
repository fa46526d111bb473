using Cchc.Api.V1;
using Cchc.Grains;
using Cchc.Grains.Deadlines;
using Cchc.Server.Mapping;
using Grpc.Core;
using CorePeriod = Cchc.Core.Period;
using Policy = Cchc.Security.Policy;

namespace Cchc.Server.Services;

/// <summary>cchc.v1.DeadlineService: a scope's stage windows, and extensions for one commune with their audit log.</summary>
internal sealed class DeadlineApi(IGrainFactory grains, ApiAccess access) : DeadlineService.DeadlineServiceBase
{
    private readonly ApiScopes _scopes = new(grains);

    public override async Task<SetDeadlinesResponse> SetDeadlines(SetDeadlinesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var period = PeriodMapper.ToCore(request.Period);
        access.Demand(caller, new Policy.SetDeadlines(scope, await _scopes.ProvinceOfAsync(scope, period.Year, context.CancellationToken)));
        var schedule = await Deadlines(scope, period).SetAsync(DeadlineMapper.ToInputs(request), caller.AuditName, context.CancellationToken);
        return new SetDeadlinesResponse { Deadlines = DeadlineMapper.ToApi(schedule, period) };
    }

    public override async Task<GetDeadlinesResponse> GetDeadlines(GetDeadlinesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var period = PeriodMapper.ToCore(request.Period);
        access.Demand(caller, await _scopes.ReadScopeAsync(scope, [period], context.CancellationToken));
        return DeadlineMapper.ToApi(await Deadlines(scope, period).GetAsync(context.CancellationToken), period);
    }

    public override async Task<ExtendDeadlineResponse> ExtendDeadline(ExtendDeadlineRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var period = PeriodMapper.ToCore(request.Period);
        var commune = ApiArguments.CommuneCode(request.CommuneCode, "commune_code");
        var stage = ScoreMapper.ToStage(request.Stage);
        access.Demand(caller, new Policy.ExtendDeadline(scope, await _scopes.ProvinceOfAsync(scope, period.Year, context.CancellationToken), commune));
        var extension = await Deadlines(scope, period).ExtendAsync(
            new ExtensionRequest(commune, stage, request.ClosesAt, request.Reason, caller.AuditName), context.CancellationToken);
        return new ExtendDeadlineResponse { Extension = DeadlineMapper.ToApi(extension) };
    }

    private IDeadlineGrain Deadlines(string scope, CorePeriod period) => grains.GetGrain<IDeadlineGrain>(GrainKeys.ForPeriod(scope, period));
}
