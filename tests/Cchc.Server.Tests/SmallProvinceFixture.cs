using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>A running server shared by the bad-input and interop tests: each uses its own made-up province code.</summary>
public sealed class SmallProvinceFixture : IAsyncLifetime
{
    public const string Province = "98";
    public const string District = "981";
    public const int Year = 2024;

    internal RunningServer Server { get; private set; } = null!;

    /// <summary>The province administrator of <see cref="Province"/>: imports, frameworks, and reads of its province.</summary>
    internal ApiClient Admin { get; private set; } = null!;

    /// <summary>A client with no token of its own: score writes name their writer per call (<see cref="WriterOf"/>).</summary>
    internal ApiClient Writers { get; private set; } = null!;

    internal static string[] Communes { get; } = ["98001", "98002", "98003"];

    public async Task InitializeAsync()
    {
        Server = await RunningServer.StartAsync();
        Admin = Server.ClientAs(TestTokens.ProvinceAdmin(Province));
        Writers = Server.Anonymous();
        var import = new ImportUnitsRequest { ProvinceCode = Province, FirstYear = 2020, LastYear = 2024 };
        import.Units.Add(new Unit { Code = Province, Name = "Tỉnh Thử Nghiệm", Level = UnitLevel.Province, Type = "Tỉnh" });
        import.Units.Add(new Unit { Code = District, Name = "Huyện Đồng Hỷ", Level = UnitLevel.District, Type = "Huyện", ParentCode = Province });
        import.Units.Add(Communes.Select((c, i) => new Unit { Code = c, Name = $"Xã Ấp {i}", Level = UnitLevel.Commune, Type = "Xã", ParentCode = District }));
        await Admin.Registry.ImportUnitsAsync(import).ResponseAsync;
        await Admin.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(Province, Year)).ResponseAsync;
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>The token of whoever enters the request's stage for its commune: its officer, the district's appraiser, the administrator.</summary>
    internal CallOptions WriterOf(SubmitScoresRequest request) => Server.Tokens.As(request.Stage switch
    {
        Stage.AppraisalRound1 or Stage.AppraisalRound2 => TestTokens.Appraiser(Province, District),
        Stage.Survey => TestTokens.ProvinceAdmin(Province),
        _ => TestTokens.CommuneOfficer(Province, request.CommuneCode.Length == 5 ? request.CommuneCode : Communes[0]),
    });
}
