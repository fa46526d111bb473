using System.Globalization;
using Cchc.Api.V1;

namespace Cchc.Server.Tests;

/// <summary>A made-up province of one district and three communes (codes from the province's own), with the season framework.</summary>
internal sealed class TinyProvince(string province, int year)
{
    public string Province { get; } = province;

    public string District => Province + "1";

    public int Year { get; } = year;

    public IReadOnlyList<string> Communes => [District + "01", District + "02", District + "03"];

    /// <summary>Imports the units and puts the framework; returns the province administrator's client.</summary>
    public async Task<ApiClient> SeedAsync(RunningServer server)
    {
        var admin = server.ClientAs(TestTokens.ProvinceAdmin(Province));
        await admin.Registry.ImportUnitsAsync(ImportRequest()).ResponseAsync;
        await admin.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(Province, Year)).ResponseAsync;
        return admin;
    }

    /// <summary>The province, its district and its communes, valid 2020 to 2024.</summary>
    public ImportUnitsRequest ImportRequest()
    {
        var import = new ImportUnitsRequest { ProvinceCode = Province, FirstYear = 2020, LastYear = 2024 };
        import.Units.Add(new Unit { Code = Province, Name = $"Tỉnh Thử Nghiệm {Province}", Level = UnitLevel.Province, Type = "Tỉnh" });
        import.Units.Add(new Unit { Code = District, Name = "Huyện Trực Tuyến", Level = UnitLevel.District, Type = "Huyện", ParentCode = Province });
        import.Units.Add(Communes.Select((c, i) => new Unit { Code = c, Name = $"Xã Xếp Hạng {i + 1}", Level = UnitLevel.Commune, Type = "Xã", ParentCode = District }));
        return import;
    }

    /// <summary>A self-assessment of item 1.1 (manual, maximum 3) at <paramref name="points"/>.</summary>
    public SubmitScoresRequest SelfAssessment(string commune, decimal points, string? idempotencyKey = null)
    {
        var request = new SubmitScoresRequest { CommuneCode = commune, Period = Rpc.Year(Year), Stage = Stage.SelfAssessment, IdempotencyKey = idempotencyKey ?? "" };
        request.Items.Add(new ItemScore { ItemCode = "1.1", Points = points.ToString(CultureInfo.InvariantCulture) });
        return request;
    }

    /// <summary>Sends the batch as the commune's officer.</summary>
    public Task<SubmitScoresResponse> SubmitAsync(RunningServer server, SubmitScoresRequest request, CancellationToken cancellationToken = default) =>
        server.Shared.Scoring.SubmitScoresAsync(request, server.Tokens.As(TestTokens.CommuneOfficer(Province, request.CommuneCode)).WithCancellationToken(cancellationToken)).ResponseAsync;

    public Task<GetScorecardResponse> ScorecardAsync(ApiClient admin, string commune) =>
        admin.Scoring.GetScorecardAsync(new GetScorecardRequest { CommuneCode = commune, Period = Rpc.Year(Year) }).ResponseAsync;
}
