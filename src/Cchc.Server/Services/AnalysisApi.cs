using Cchc.Api.V1;
using Cchc.Grains;
using Cchc.Grains.History;
using Cchc.Grains.Reliability;
using Cchc.Server.Mapping;
using Grpc.Core;
using CorePeriod = Cchc.Core.Period;

namespace Cchc.Server.Services;

/// <summary>cchc.v1.AnalysisService: the reliability of self-assessment in a scope, and one commune's history.</summary>
internal sealed class AnalysisApi(IGrainFactory grains, ApiAccess access) : AnalysisService.AnalysisServiceBase
{
    private readonly ApiScopes _scopes = new(grains);

    public override async Task<GetReliabilityResponse> GetReliability(GetReliabilityRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var period = PeriodMapper.ToCore(request.Period);
        var sort = AnalysisMapper.ToCore(request.Sort);
        var descending = AnalysisMapper.Descending(request.Direction, sort);
        access.Demand(caller, await _scopes.ReadScopeAsync(scope, [period], context.CancellationToken));
        var field = string.IsNullOrEmpty(request.FieldCode) ? null : request.FieldCode;
        var view = await grains.GetGrain<IReliabilityGrain>(GrainKeys.ForPeriod(scope, period))
            .GetReliabilityAsync(field, sort, descending, context.CancellationToken);
        return AnalysisMapper.ToApi(view);
    }

    public override async Task<GetHistoryResponse> GetHistory(GetHistoryRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var commune = ApiArguments.CommuneCode(request.CommuneCode, "commune_code");
        var history = await grains.GetGrain<IHistoryGrain>(commune).GetHistoryAsync(context.CancellationToken);

        // Which results a history shows is known only once it is built (its years, its predecessors' provinces): the
        // caller must be allowed to read every one of them, as GetScorecard would let it, before anything is answered.
        if (access.Enforced)
        {
            foreach (var (code, year) in Shown(history))
            {
                access.Demand(caller, await _scopes.ReadCommuneAsync(code, CorePeriod.Annual(year), context.CancellationToken));
            }
        }

        return AnalysisMapper.ToApi(history);
    }

    /// <summary>Each commune and year whose results the history shows: its own rows, and the registered predecessors of merged rows.</summary>
    private static IEnumerable<(string Code, int Year)> Shown(CommuneHistory history) =>
        history.Rows.SelectMany(row => row.FromPredecessors
            ? row.Predecessors.Where(p => p.ProvinceCode is not null).Select(p => (p.Code, row.Year))
            : [(history.UnitCode, row.Year)]).Distinct();
}
