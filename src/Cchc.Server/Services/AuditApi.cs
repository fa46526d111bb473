using Cchc.Api.V1;
using Cchc.Grains;
using Cchc.Grains.Audit;
using Cchc.Security.Policy;
using Cchc.Server.Mapping;
using Grpc.Core;

namespace Cchc.Server.Services;

/// <summary>cchc.v1.AuditService: verification of a scope's tamper-evident audit trail.</summary>
internal sealed class AuditApi(IGrainFactory grains, ApiAccess access) : AuditService.AuditServiceBase
{
    private readonly ApiScopes _scopes = new(grains);

    public override async Task<VerifyAuditResponse> VerifyAudit(VerifyAuditRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var province = ApiArguments.ProvinceCode(request.ProvinceCode, "province_code");
        var district = string.IsNullOrEmpty(request.DistrictCode) ? null : ApiArguments.ScopeCode(request.DistrictCode, "district_code");
        if (district is { Length: not 3 })
        {
            throw ApiArguments.Invalid($"district_code '{district}' is not a district code; give its 3 digits, e.g. 288, or leave it out for the whole province.");
        }

        var period = PeriodMapper.ToCore(request.Period);
        var scope = district ?? province;
        var provinceOfScope = await _scopes.ProvinceOfAsync(scope, period.Year, context.CancellationToken);
        if (provinceOfScope != province)
        {
            throw new RpcException(new Status(StatusCode.NotFound,
                $"District {district} belongs to province {provinceOfScope} in {period.Year}, not to province {province}; give its own province."));
        }

        access.Demand(caller, new VerifyAudit(scope, province));
        var report = await grains.GetGrain<IAuditGrain>(GrainKeys.ForPeriod(scope, period)).VerifyAsync(context.CancellationToken);
        return AuditMapper.ToApi(report, period);
    }
}
