using Cchc.Api.V1;
using Cchc.Grains.Units;
using Cchc.Runtime;
using Cchc.Security.Policy;
using Cchc.Server.Mapping;
using Grpc.Core;
using GrainUnitLevel = Cchc.Grains.Units.UnitLevel;

namespace Cchc.Server.Services;

/// <summary>cchc.v1.RegistryService: imports units into the province registries and lists them.</summary>
internal sealed class RegistryApi(IGrainFactory grains, ApiAccess access) : RegistryService.RegistryServiceBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public override async Task<ImportUnitsResponse> ImportUnits(ImportUnitsRequest request, ServerCallContext context)
    {
        var caller = access.Caller(context);
        var edition = UnitMapper.ToEdition(request);
        access.Demand(caller, new ImportUnits(edition.ProvinceCode));
        var (districts, communes) = await grains.GetGrain<IUnitRegistryGrain>(edition.ProvinceCode).ImportAsync(edition);
        return new ImportUnitsResponse { DistrictCount = districts, CommuneCount = communes };
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
            var (districts, communes) = await grains.GetGrain<IUnitRegistryGrain>(edition.ProvinceCode).ImportAsync(edition);
            response.DistrictCount += districts;
            response.CommuneCount += communes;
        }

        response.ProvinceCount = editions.Select(e => e.ProvinceCode).Distinct(StringComparer.Ordinal).Count();
        return response;
    }

    public override async Task<ListUnitsResponse> ListUnits(ListUnitsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = access.Caller(context);
        var year = ApiArguments.Year(request.Year, "year");
        access.Demand(caller, new ReadUnits());
        var pageSize = ApiArguments.PageSize(request.PageSize, DefaultPageSize, MaxPageSize);
        var offset = ApiArguments.PageOffset(request.PageToken);
        var units = await ChildrenAsync(request.ParentCode, year);
        var response = new ListUnitsResponse { TotalCount = units.Count };
        response.Units.Add(units.Skip(offset).Take(pageSize).Select(UnitMapper.ToApi));
        if (offset + pageSize < units.Count)
        {
            response.NextPageToken = ApiArguments.PageToken(offset + pageSize);
        }

        return response;
    }

    private async Task<List<UnitRecord>> ChildrenAsync(string parent, int year)
    {
        if (string.IsNullOrEmpty(parent))
        {
            // Registries are kept per province and no grain knows the whole country: ask each possible code.
            var editions = await Task.WhenAll(Enumerable.Range(1, 99).Select(code =>
                grains.GetGrain<IUnitRegistryGrain>(code.ToString("00", System.Globalization.CultureInfo.InvariantCulture)).GetEditionAsync(year)));
            return [.. editions.OfType<UnitEdition>()
                .Select(e => e.Units.FirstOrDefault(u => u.Level == GrainUnitLevel.Province)
                    ?? new UnitRecord(e.ProvinceCode, e.ProvinceCode, GrainUnitLevel.Province, "", "", []))
                .OrderBy(u => u.Code, StringComparer.Ordinal)];
        }

        var scope = ApiArguments.ScopeCode(parent, "parent_code");
        var province = scope.Length == 2
            ? scope
            : (await grains.GetGrain<IUnitGrain>(scope).GetMembershipAsync(year)) is { Level: GrainUnitLevel.District } district
                ? district.ProvinceCode
                : throw NotFound(scope, year);
        var edition = await grains.GetGrain<IUnitRegistryGrain>(province).GetEditionAsync(year) ?? throw NotFound(scope, year);
        return [.. edition.Units.Where(u => u.ParentCode == scope).OrderBy(u => u.Code, StringComparer.Ordinal)];
    }

    private static RpcException NotFound(string code, int year) =>
        ApiStatus.NotFound($"No province or district {code} is registered for {year}; check the code and year, or import the province's units first.");
}
