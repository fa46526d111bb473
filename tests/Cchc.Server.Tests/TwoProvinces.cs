using Cchc.Api.V1;
using Cchc.Security;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// Two made-up provinces on one server, 2023 and 2024, with scores entered by the roles that enter them: 96 (districts
/// 961 with communes 96101 and 96102, 962 with 96201) and 95 (district 951 with commune 95101). Nothing is published.
/// </summary>
internal static class TwoProvinces
{
    public const string Home = "96";
    public const string Other = "95";
    public const int Year = 2024;

    public static IReadOnlyList<string> Communes { get; } = ["96101", "96102", "96201", "95101"];

    public static ImportUnitsRequest Units(string province, params string[] extraCommunes)
    {
        var request = new ImportUnitsRequest { ProvinceCode = province, FirstYear = 2020, LastYear = 2024 };
        request.Units.Add(new Unit { Code = province, Name = $"Tỉnh Phân Quyền {province}", Level = UnitLevel.Province, Type = "Tỉnh" });
        foreach (var commune in Communes.Where(c => c.StartsWith(province, StringComparison.Ordinal)).Concat(extraCommunes))
        {
            var district = commune[..3];
            if (!request.Units.Any(u => u.Code == district))
            {
                request.Units.Add(new Unit { Code = district, Name = $"Huyện Thẩm Định {district}", Level = UnitLevel.District, Type = "Huyện", ParentCode = province });
            }

            request.Units.Add(new Unit { Code = commune, Name = $"Xã Đánh Giá {commune}", Level = UnitLevel.Commune, Type = "Xã", ParentCode = district });
        }

        return request;
    }

    public static SubmitScoresRequest Batch(string commune, Stage stage, params ItemScore[] items)
    {
        var request = new SubmitScoresRequest { CommuneCode = commune, Period = Rpc.Year(Year), Stage = stage };
        request.Items.Add(items);
        return request;
    }

    public static ItemScore Points(string code, string points) => new() { ItemCode = code, Points = points };

    /// <summary>Imports, frameworks and a season's first stages, each sent by the role that enters it.</summary>
    public static async Task SeedAsync(RunningServer server, ApiClient client)
    {
        var tokens = server.Tokens;
        foreach (var province in (string[])[Home, Other])
        {
            var admin = tokens.As(TestTokens.ProvinceAdmin(province));
            await client.Registry.ImportUnitsAsync(Units(province), admin).ResponseAsync;
            await client.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(province, 2023), admin).ResponseAsync;
            await client.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(province, Year), admin).ResponseAsync;
        }

        foreach (var (commune, i) in Communes.Select((c, i) => (c, i)))
        {
            // The x-cchc-principal header is sent too: with authentication on it must not reach the audit log.
            var officer = tokens.As(TestTokens.CommuneOfficer(commune[..2], commune));
            officer.Headers!.Add("x-cchc-principal", "mao-danh");
            await client.Scoring.SubmitScoresAsync(Batch(commune, Stage.SelfAssessment, Points("1.1", "2"), Points("3.1", (2 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))), officer).ResponseAsync;
        }

        // A district's appraiser, and the province's appraiser on a commune of another district.
        var round1 = Batch("96101", Stage.AppraisalRound1, Points("1.1", "1.5"));
        await client.Scoring.SubmitScoresAsync(round1, tokens.As(TestTokens.Appraiser(Home, "961"))).ResponseAsync;
        await client.Scoring.SubmitScoresAsync(Batch("96201", Stage.AppraisalRound1, Points("3.1", "2")), tokens.As(TestTokens.Appraiser(Home))).ResponseAsync;
        var explanation = Batch("96101", Stage.Explanation, new ItemScore { ItemCode = "1.1", Comment = "Đã bổ sung kế hoạch", Evidence = { "12/KH-UBND" } });
        await client.Scoring.SubmitScoresAsync(explanation, tokens.As(TestTokens.CommuneOfficer(Home, "96101"))).ResponseAsync;
        await client.Scoring.SubmitScoresAsync(Batch("96101", Stage.Survey, Points("6.1", "8")), tokens.As(TestTokens.ProvinceAdmin(Home))).ResponseAsync;
    }

    /// <summary>Who must appear in the audit log of each commune, in order, after <see cref="SeedAsync"/>.</summary>
    public static IReadOnlyDictionary<string, string[]> SeededWriters { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["96101"] =
        [
            TestTokens.CommuneOfficer(Home, "96101").AuditName, TestTokens.Appraiser(Home, "961").AuditName,
            TestTokens.CommuneOfficer(Home, "96101").AuditName, TestTokens.ProvinceAdmin(Home).AuditName,
        ],
        ["96102"] = [TestTokens.CommuneOfficer(Home, "96102").AuditName],
        ["96201"] = [TestTokens.CommuneOfficer(Home, "96201").AuditName, TestTokens.Appraiser(Home).AuditName],
        ["95101"] = [TestTokens.CommuneOfficer(Other, "95101").AuditName],
    };

    /// <summary>Every read that shows what the writes could have changed, as a principal allowed to read it all.</summary>
    public static async Task<List<string>> ReadStateAsync(ApiClient client, CallOptions reader)
    {
        var state = new List<string>();
        foreach (var commune in Communes)
        {
            state.Add((await client.Scoring.GetScorecardAsync(new GetScorecardRequest { CommuneCode = commune, Period = Rpc.Year(Year) }, reader).ResponseAsync).ToString());
        }

        foreach (var scope in (string[])[Home, "961", "962", Other])
        {
            state.Add((await client.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = scope, Period = Rpc.Year(Year), PageSize = 100 }, reader).ResponseAsync).ToString());
            state.Add((await client.Registry.ListUnitsAsync(new ListUnitsRequest { ParentCode = scope, Year = Year }, reader).ResponseAsync).ToString());
        }

        foreach (var province in (string[])[Home, Other])
        {
            state.Add((await client.Frameworks.GetFrameworkAsync(new GetFrameworkRequest { ProvinceCode = province, Year = Year }, reader).ResponseAsync).ToString());
        }

        return state;
    }

    /// <summary>A client-streaming import: the refusal may end the call while chunks are still being written.</summary>
    public static async Task<StreamImportUnitsResponse> StreamImportAsync(ApiClient client, CallOptions options, params ImportUnitsRequest[] chunks)
    {
        using var call = client.Registry.StreamImportUnits(options);
        try
        {
            foreach (var chunk in chunks)
            {
                await call.RequestStream.WriteAsync(new StreamImportUnitsRequest { Chunk = chunk });
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception e) when (e is IOException or HttpRequestException or InvalidOperationException or OperationCanceledException or RpcException)
        {
            // The status below says why.
        }

        return await call.ResponseAsync;
    }

    public static CchcPrincipal[] Everyone { get; } =
    [
        TestTokens.CommuneOfficer(Home, "96101"), TestTokens.CommuneOfficer(Other, "95101"),
        TestTokens.Appraiser(Home, "961"), TestTokens.Appraiser(Home), TestTokens.Appraiser(Other),
        TestTokens.ProvinceAdmin(Home), TestTokens.ProvinceAdmin(Other),
        TestTokens.Viewer(Home), TestTokens.National,
    ];
}
