using System.Globalization;
using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// One server and a two-year season of a made-up province (two-item framework: index = a + b), the four exports of
/// it downloaded through cchc.v1.ExportService and opened by LibreOffice Calc, saved back as flat OpenDocument.
/// </summary>
public sealed class ExportFixture : IAsyncLifetime
{
    public const string Province = "87";
    public const string District = "871";
    public const string Appraised = "87101";
    public const string Comment = "Kế hoạch ban hành chậm so với quy định; đề nghị bổ sung minh chứng.";
    public const string Owner = "Văn phòng HĐND và UBND xã";
    public const string Deadline = "30/06/2024";

    /// <summary>Names with tone marks on letters that have other forms (Ứ, ỷ, ờ), so a lost NFC would show.</summary>
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["87101"] = "Xã Tân Hưng Đông",
        ["87102"] = "Thị trấn Ứng Hòa",
        ["87103"] = "Xã Đồng Hỷ Thượng",
    };

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cchc-exports-" + Guid.NewGuid().ToString("N"));

    internal RunningServer Server { get; private set; } = null!;

    internal ApiClient Admin { get; private set; } = null!;

    internal Dictionary<ExportKind, FodsSheet> Sheets { get; } = [];

    internal Dictionary<ExportKind, string> FileNames { get; } = [];

    /// <summary>The .xlsx bytes as the server sent them.</summary>
    internal Dictionary<ExportKind, byte[]> Workbooks { get; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        Server = await RunningServer.StartAsync();
        Admin = Server.ClientAs(TestTokens.ProvinceAdmin(Province));
        var import = new ImportUnitsRequest { ProvinceCode = Province, FirstYear = 2020, LastYear = 2024 };
        import.Units.Add(new Unit { Code = Province, Name = "Tỉnh Thử Nghiệm Xuất Bảng", Level = UnitLevel.Province, Type = "Tỉnh" });
        import.Units.Add(new Unit { Code = District, Name = "Huyện Đồng Hỷ", Level = UnitLevel.District, Type = "Huyện", ParentCode = Province });
        import.Units.Add(Names.Select(n => new Unit { Code = n.Key, Name = n.Value, Level = UnitLevel.Commune, Type = "Xã", ParentCode = District }));
        await Admin.Registry.ImportUnitsAsync(import).ResponseAsync;
        await Admin.Frameworks.PutFrameworkAsync(TwoItemFramework.Request(Province, 2022)).ResponseAsync;
        await Admin.Frameworks.PutFrameworkAsync(TwoItemFramework.Request(Province, 2023)).ResponseAsync;

        // 2022: 75.00, 90.00, 53.00. 2023: 87101 self 38 + 57 = 95.00 appraised 34 + 57 = 91.00; 85.00; 65.00.
        await SelfAsync("87101", 2022, 30, 45);
        await SelfAsync("87102", 2022, 36, 54);
        await SelfAsync("87103", 2022, 20, 33);
        await SelfAsync("87101", 2023, 38, 57);
        await SelfAsync("87102", 2023, 35, 50);
        await SelfAsync("87103", 2023, 25, 40);
        var appraisal = new SubmitScoresRequest { CommuneCode = Appraised, Period = Rpc.Year(2023), Stage = Stage.AppraisalRound1 };
        appraisal.Items.Add(new ItemScore { ItemCode = "1.1", Points = "34", Comment = Comment });
        appraisal.Items.Add(new ItemScore { ItemCode = "2.1", Points = "57" });
        await Server.Shared.Scoring.SubmitScoresAsync(appraisal, Server.Tokens.As(TestTokens.Appraiser(Province, District))).ResponseAsync;
        await TwoItemFramework.WaitForRankedAsync(Admin, Province, Rpc.Year(2022), 3);
        await TwoItemFramework.WaitForRankedAsync(Admin, Province, Rpc.Year(2023), 3);
        await WaitForIndexAsync(Appraised, "91.00");

        var requests = new Dictionary<ExportKind, ExportTableRequest>
        {
            [ExportKind.Ranking] = new() { Kind = ExportKind.Ranking, ScopeCode = Province, Period = Rpc.Year(2023) },
            [ExportKind.AppraisalTable] = new() { Kind = ExportKind.AppraisalTable, CommuneCode = Appraised, Period = Rpc.Year(2023) },
            [ExportKind.YearComparison] = new() { Kind = ExportKind.YearComparison, ScopeCode = Province, YearA = 2022, YearB = 2023 },
            [ExportKind.FixPlan] = new() { Kind = ExportKind.FixPlan, CommuneCode = Appraised, Period = Rpc.Year(2023), Owner = Owner, Deadline = Deadline },
        };
        var files = new Dictionary<ExportKind, string>();
        foreach (var (kind, request) in requests)
        {
            var (name, bytes) = await DownloadAsync(Admin, request);
            FileNames[kind] = name;
            Workbooks[kind] = bytes;
            files[kind] = Path.Combine(_directory, name);
            await File.WriteAllBytesAsync(files[kind], bytes);
        }

        var converted = await LibreOffice.ToFodsAsync([.. files.Values], _directory);
        foreach (var (kind, path) in files)
        {
            Sheets[kind] = FodsSheet.Load(Path.ChangeExtension(path, ".fods"));
        }

        Assert.Equal(4, converted.Count);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The file a client receives: the first chunk's name, then the bytes of the others, as long as announced.</summary>
    internal static async Task<(string Name, byte[] Bytes)> DownloadAsync(ApiClient client, ExportTableRequest request)
    {
        using var call = client.Exports.ExportTable(request);
        Assert.True(await call.ResponseStream.MoveNext());
        var head = call.ResponseStream.Current;
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", head.ContentType);
        Assert.Empty(head.Data);
        using var bytes = new MemoryStream();
        while (await call.ResponseStream.MoveNext())
        {
            Assert.InRange(call.ResponseStream.Current.Data.Length, 1, 64 * 1024);
            call.ResponseStream.Current.Data.WriteTo(bytes);
        }

        Assert.Equal(head.TotalBytes, bytes.Length);
        return (head.FileName, bytes.ToArray());
    }

    private Task SelfAsync(string commune, int year, decimal item11, decimal item21) =>
        Server.Shared.Scoring.SubmitScoresAsync(
            TwoItemFramework.SelfAssessment(commune, Rpc.Year(year), item11, item21),
            Server.Tokens.As(TestTokens.CommuneOfficer(Province, commune))).ResponseAsync;

    // The appraisal reaches the ranking after the write returns, like every score.
    private async Task WaitForIndexAsync(string commune, string index)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var request = new GetUnitRankRequest { UnitCode = commune, ScopeCode = Province, Period = Rpc.Year(2023) };
        while ((await Admin.Ranking.GetUnitRankAsync(request).ResponseAsync).Entry.Index != index.ToString(CultureInfo.InvariantCulture))
        {
            deadline.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
