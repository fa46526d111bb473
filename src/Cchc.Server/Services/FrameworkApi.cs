using Cchc.Api.V1;
using Cchc.Grains;
using Cchc.Grains.Frameworks;
using Cchc.Security.Policy;
using Cchc.Server.Mapping;
using Grpc.Core;

namespace Cchc.Server.Services;

/// <summary>cchc.v1.FrameworkService: stores and reads a province's framework of a year.</summary>
internal sealed class FrameworkApi(IGrainFactory grains, ApiAccess access) : FrameworkService.FrameworkServiceBase
{
    public override async Task<PutFrameworkResponse> PutFramework(PutFrameworkRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var province = ApiArguments.ProvinceCode(request.ProvinceCode, "province_code");
        var year = ApiArguments.Year(request.Year, "year");
        access.Demand(caller, new PutFramework(province));
        var definition = FrameworkStateMapper.ToState(FrameworkMapper.ToDefinition(request, year));
        var framework = await grains.GetGrain<IFrameworkGrain>(GrainKeys.ForYear(province, year)).PutAsync(definition, context.CancellationToken);
        return new PutFrameworkResponse
        {
            LeafCount = framework.LeafCount,
            TotalPoints = DecimalField.Format(framework.Definition.DeclaredTotal),
        };
    }

    public override async Task<GetFrameworkResponse> GetFramework(GetFrameworkRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var province = ApiArguments.ProvinceCode(request.ProvinceCode, "province_code");
        var year = ApiArguments.Year(request.Year, "year");
        var kind = PeriodMapper.ToCore(request.PeriodKind, "period_kind");
        access.Demand(caller, new ReadFramework(province));
        var framework = await grains.GetGrain<IFrameworkGrain>(GrainKeys.ForYear(province, year)).GetAsync(context.CancellationToken)
            ?? throw ApiStatus.NotFound($"Province {province} has no framework for {year}; put it first.");
        return framework.Serves(kind)
            ? FrameworkMapper.ToApi(framework.Build())
            : throw ApiStatus.NotFound(
                $"The {year} framework of province {province} does not serve {kind} periods; it serves {string.Join(", ", framework.Definition.Periods)}.");
    }
}
