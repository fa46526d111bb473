using Cchc.Api.V1;
using Cchc.Grains.Units;
using Cchc.Security.Policy;
using Cchc.Server.Mapping;
using Grpc.Core;

namespace Cchc.Server.Services;

/// <summary>cchc.v1.RegistryService: imports units into the province registries and lists them.</summary>
internal sealed class RegistryApi(IGrainFactory grains, ApiAccess access) : RegistryService.RegistryServiceBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public override async Task<ImportUnitsResponse> ImportUnits(ImportUnitsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var edition = UnitMapper.ToEdition(request);
        access.Demand(caller, new ImportUnits(edition.ProvinceCode));
        var imported = await grains.GetGrain<IUnitRegistryGrain>(edition.ProvinceCode).ImportAsync(edition, context.CancellationToken);
        return new ImportUnitsResponse { DistrictCount = imported.Districts, CommuneCount = imported.Communes };
    }

    public override async Task<StreamImportUnitsResponse> StreamImportUnits(IAsyncStreamReader<StreamImportUnitsRequest> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        // Chunks of one province (same years) are joined; everything is checked before the first import, and each
        // province is demanded as it first appears, so a stream naming a province the caller may not import ends early.
        var caller = access.Caller(context);
        var provinces = new HashSet<string>(StringComparer.Ordinal);
        var joined = new Dictionary<(string Province, int First, int Last), ImportUnitsRequest>();
        var chunk = 0;
        await foreach (var request in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var part = request.Chunk ?? throw ApiArguments.Invalid($"chunk {chunk} is empty; every message carries a chunk.");
            if (provinces.Add(ApiArguments.ProvinceCode(part.ProvinceCode, $"chunk {chunk} province_code")))
            {
                access.Demand(caller, new ImportUnits(part.ProvinceCode));
            }

            var key = (part.ProvinceCode, part.FirstYear, part.LastYear);
            if (joined.TryGetValue(key, out var whole))
            {
                whole.Units.Add(part.Units);
            }
            else
            {
                joined[key] = part.Clone();
            }

            chunk++;
        }

        if (joined.Count == 0)
        {
            throw ApiArguments.Invalid("The stream carried no chunks; send at least one province.");
        }

        var editions = joined.Values.Select((r, i) => UnitMapper.ToEdition(r, $"province {r.ProvinceCode}")).ToList();
        var response = new StreamImportUnitsResponse();
        foreach (var edition in editions)
        {
            var imported = await grains.GetGrain<IUnitRegistryGrain>(edition.ProvinceCode).ImportAsync(edition, context.CancellationToken);
            response.DistrictCount += imported.Districts;
            response.CommuneCount += imported.Communes;
        }

        response.ProvinceCount = editions.Select(e => e.ProvinceCode).Distinct(StringComparer.Ordinal).Count();
        return response;
    }

    public override async Task<ListUnitsResponse> ListUnits(ListUnitsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var year = ApiArguments.Year(request.Year, "year");
        access.Demand(caller, new ReadUnits());
        var pageSize = ApiArguments.PageSize(request.PageSize, DefaultPageSize, MaxPageSize);
        var offset = ApiArguments.PageOffset(request.PageToken);
        var parent = string.IsNullOrEmpty(request.ParentCode) ? null : ApiArguments.ScopeCode(request.ParentCode, "parent_code");
        var units = await grains.ListUnitsAsync(parent, year, context.CancellationToken);
        var response = new ListUnitsResponse { TotalCount = units.Count };
        response.Units.Add(units.Skip(offset).Take(pageSize).Select(UnitMapper.ToApi));
        if (offset + pageSize < units.Count)
        {
            response.NextPageToken = ApiArguments.PageToken(offset + pageSize);
        }

        return response;
    }
}
