using Cchc.Api.V1;
using Cchc.Grains;
using Cchc.Grains.Comparison;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;
using Cchc.Server.Exports;
using Cchc.Server.Mapping;
using Google.Protobuf;
using Grpc.Core;
using CorePeriod = Cchc.Core.Period;

namespace Cchc.Server.Services;

/// <summary>
/// cchc.v1.ExportService: official tables as .xlsx, built from the same grain answers and mappings as the reads
/// (GetRanking, GetScorecard, CompareYears, GetLostPoints) and demanding the same access.
/// </summary>
internal sealed class ExportApi(IGrainFactory grains, ApiAccess access) : ExportService.ExportServiceBase
{
    /// <summary>Bytes per chunk: well under gRPC's default 4 MiB message limit.</summary>
    public const int ChunkSize = 64 * 1024;

    private const int PageSize = 1000;

    // A ranking that changes while its pages are read (scores arriving) is read again, this many times at most.
    private const int RankingReadAttempts = 3;

    private readonly ApiScopes _scopes = new(grains);

    public override async Task ExportTable(ExportTableRequest request, IServerStreamWriter<ExportTableResponse> responseStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(responseStream);
        ArgumentNullException.ThrowIfNull(context);
        var caller = access.Caller(context);
        var cancellationToken = context.CancellationToken;
        var table = request.Kind switch
        {
            ExportKind.Ranking => await RankingAsync(caller, request, cancellationToken),
            ExportKind.AppraisalTable => await AppraisalAsync(caller, request, cancellationToken),
            ExportKind.YearComparison => await ComparisonAsync(caller, request, cancellationToken),
            ExportKind.FixPlan => await FixPlanAsync(caller, request, cancellationToken),
            ExportKind.Unspecified => throw ApiArguments.Invalid("kind is missing: give RANKING, APPRAISAL_TABLE, YEAR_COMPARISON or FIX_PLAN."),
            _ => throw ApiArguments.Invalid($"kind {(int)request.Kind} is not a table; give RANKING, APPRAISAL_TABLE, YEAR_COMPARISON or FIX_PLAN."),
        };

        // The workbook is built whole before the first chunk: a table is at most a province's communes or a
        // framework's items (a few hundred rows), so memory is bounded by the largest province.
        var bytes = XlsxWriter.Write(table);
        await responseStream.WriteAsync(new ExportTableResponse { FileName = table.FileName, ContentType = XlsxWriter.ContentType, TotalBytes = bytes.Length }, cancellationToken);
        for (var offset = 0; offset < bytes.Length; offset += ChunkSize)
        {
            await responseStream.WriteAsync(new ExportTableResponse { Data = ByteString.CopyFrom(bytes, offset, Math.Min(ChunkSize, bytes.Length - offset)) }, cancellationToken);
        }
    }

    private async Task<ExportTable> RankingAsync(ApiCaller caller, ExportTableRequest request, CancellationToken cancellationToken)
    {
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var period = PeriodMapper.ToCore(request.Period);
        access.Demand(caller, await _scopes.ReadScopeAsync(scope, [period], cancellationToken));
        var province = await _scopes.ProvinceOfAsync(scope, period.Year, cancellationToken);
        var framework = await grains.GetGrain<IFrameworkGrain>(GrainKeys.ForYear(province, period.Year)).GetAsync(cancellationToken);
        var frameworkFields = framework?.Definition.Fields ?? [];
        var rankedField = string.IsNullOrEmpty(request.FieldCode) ? null : request.FieldCode;
        if (rankedField is not null && frameworkFields.All(f => f.Code != rankedField))
        {
            throw ApiArguments.Invalid(
                $"field_code {rankedField} is not a field of province {province}'s {period.Year} framework; give one of {string.Join(", ", frameworkFields.Select(f => f.Code))}, or none for the overall index.");
        }

        var grain = grains.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(scope, period));
        var (rows, unranked, published) = await ReadWholeAsync(grain, rankedField, cancellationToken);
        var fields = new List<RankingField>();
        foreach (var field in frameworkFields)
        {
            var (fieldRows, _, _) = await ReadWholeAsync(grain, field.Code, cancellationToken);
            fields.Add(new RankingField(field.Code, field.Name, fieldRows.ToDictionary(r => r.UnitCode, r => ScoreMapper.Figure(r.Index))));
        }

        var units = await grains.GetGrain<IUnitRegistryGrain>(province).GetEditionAsync(period.Year, cancellationToken);
        var byCode = units?.Units.ToDictionary(u => u.Code) ?? [];
        var districtByUnit = byCode.Values
            .Where(u => u.Level == Grains.Units.UnitLevel.Commune && byCode.TryGetValue(u.ParentCode, out var parent) && parent.Level == Grains.Units.UnitLevel.District)
            .ToDictionary(u => u.Code, u => byCode[u.ParentCode].Name);
        return RankingTable.Build(
            scope,
            byCode.TryGetValue(scope, out var scopeUnit) ? scopeUnit.Name : scope,
            PeriodMapper.ToApi(period),
            rankedField,
            [.. rows.Select(RankingMapper.ToEntry)],
            [.. unranked.Select(RankingMapper.ToApi)],
            fields,
            districtByUnit,
            published);
    }

    private static async Task<(List<RankingRow> Rows, IReadOnlyList<UnrankedRow> Unranked, bool Published)> ReadWholeAsync(
        IRankingGrain grain, string? field, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var first = await grain.GetRankingAsync(field, 0, PageSize, cancellationToken);
            var rows = new List<RankingRow>(first.Rows);
            var consistent = true;
            while (rows.Count < first.UnitCount && consistent)
            {
                var page = await grain.GetRankingAsync(field, rows.Count, PageSize, cancellationToken);
                consistent = page.Version == first.Version && page.Rows.Count > 0;
                rows.AddRange(page.Rows);
            }

            if (consistent)
            {
                return (rows, first.Unranked, first.Published);
            }

            if (attempt == RankingReadAttempts)
            {
                throw ApiStatus.Unavailable($"The ranking changed {RankingReadAttempts} times while it was read (scores are arriving); export it again in a moment.");
            }
        }
    }

    private async Task<ExportTable> AppraisalAsync(ApiCaller caller, ExportTableRequest request, CancellationToken cancellationToken)
    {
        var commune = ApiArguments.CommuneCode(request.CommuneCode, "commune_code");
        var period = PeriodMapper.ToCore(request.Period);
        access.Demand(caller, await _scopes.ReadCommuneAsync(commune, period, cancellationToken));
        var card = await Commune(commune, period).GetScorecardAsync(cancellationToken);
        return Exports.AppraisalTable.Build(ScoreMapper.ToApi(card, commune, period));
    }

    private async Task<ExportTable> ComparisonAsync(ApiCaller caller, ExportTableRequest request, CancellationToken cancellationToken)
    {
        var scope = ApiArguments.ScopeCode(request.ScopeCode, "scope_code");
        var (yearA, yearB) = (ApiArguments.Year(request.YearA, "year_a"), ApiArguments.Year(request.YearB, "year_b"));
        if (yearA >= yearB)
        {
            throw ApiArguments.Invalid($"year_a {yearA} must be earlier than year_b {yearB}.");
        }

        access.Demand(caller, await _scopes.ReadScopeAsync(scope, [CorePeriod.Annual(yearA), CorePeriod.Annual(yearB)], cancellationToken));
        var comparison = await grains.GetGrain<IComparisonGrain>(scope).CompareYearsAsync(yearA, yearB, null, cancellationToken);
        var province = await _scopes.ProvinceOfAsync(scope, yearB, cancellationToken);
        var units = await grains.GetGrain<IUnitRegistryGrain>(province).GetEditionAsync(yearB, cancellationToken);
        var scopeName = units?.Units.FirstOrDefault(u => u.Code == scope)?.Name ?? scope;
        return ComparisonTable.Build(scope, scopeName, yearA, yearB, [.. comparison.Units.Select(RankingMapper.ToApi)]);
    }

    private async Task<ExportTable> FixPlanAsync(ApiCaller caller, ExportTableRequest request, CancellationToken cancellationToken)
    {
        var commune = ApiArguments.CommuneCode(request.CommuneCode, "commune_code");
        var period = PeriodMapper.ToCore(request.Period);
        access.Demand(caller, await _scopes.ReadCommuneAsync(commune, period, cancellationToken));
        var membership = await _scopes.CommuneAsync(commune, period.Year, cancellationToken);
        var lost = await Commune(commune, period).GetLostPointsAsync([], cancellationToken);
        return FixPlanTable.Build(commune, membership.Name, PeriodMapper.ToApi(period), [.. lost.Items.Select(ScoreMapper.ToApi)], request.Owner, request.Deadline);
    }

    private ICommuneGrain Commune(string commune, CorePeriod period) => grains.GetGrain<ICommuneGrain>(GrainKeys.ForPeriod(commune, period));
}
