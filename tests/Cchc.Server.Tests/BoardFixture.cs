using System.Globalization;
using Cchc.Api.V1;
using Microsoft.Playwright;

namespace Cchc.Server.Tests;

/// <summary>
/// One real server with the board's public view on (--board-public on) and one real browser (Debian's chromium
/// through Playwright, no browser download) for the board tests. Province 94 is in its season (unpublished, scores
/// arrive); province 96 has published its year.
/// </summary>
public sealed class BoardFixture : IAsyncLifetime
{
    public const string Live = "94";
    public const string Published = "96";
    public const int Year = 2024;
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>The communes of <see cref="Live"/> with their self-assessed points of item 1.1 (maximum 3, never full here); their other items are drawn.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, decimal Points)> LiveCommunes =
    [
        ("94101", "Xã Đồng Tâm", 2.5m),
        ("94102", "Xã Ea Kao", 2m),
        ("94103", "Phường Tân Lợi", 1.5m),
        ("94104", "Xã Hòa Thắng", 1m),
        ("94105", "Thị trấn Quảng Phú", 0.5m),
        ("94106", "Xã Cư Êbur", 2.75m),
        ("94107", "Phường Thành Nhất", 1.25m),
        ("94108", "Xã Ẳng Nưa", 0.25m),
    ];

    private readonly Dictionary<string, IReadOnlyList<ItemScore>> _drawn = new(StringComparer.Ordinal);
    private IPlaywright? _playwright;

    internal RunningServer Server { get; private set; } = null!;

    internal IBrowser Browser { get; private set; } = null!;

    internal Uri BoardAddress => new(Server.Host.MetricsAddress!, "/board");

    public async Task InitializeAsync()
    {
        Server = await RunningServer.StartAsync(configure: o => o with { MetricsListen = "127.0.0.1:0", BoardPublic = true });
        await SeedAsync(Live, LiveCommunes);
        await SeedAsync(Published, [("96101", "Xã Ngọc Lặc", 2m), ("96102", "Xã Thạch Quảng", 1m)]);
        await Server.Shared.Scoring.PublishPeriodAsync(new PublishPeriodRequest { ScopeCode = Published, Period = Rpc.Year(Year) },
            Server.Tokens.As(TestTokens.ProvinceAdmin(Published))).ResponseAsync;

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,

            // The tests run as root in a container, where chromium's sandbox cannot start.
            Args = ["--no-sandbox"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A fresh browser profile (no cookies) at the board's listener.</summary>
    internal Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = Server.Host.MetricsAddress!.GetLeftPart(UriPartial.Authority),
        Locale = "vi-VN",
        ViewportSize = new ViewportSize { Width = 1180, Height = 720 },
    });

    /// <summary>Signs in through the board's form, as a person pastes the token from `cchc token`.</summary>
    internal async Task<IPage> SignedInAsync(IBrowserContext context, Cchc.Security.CchcPrincipal principal)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/board/login");
        await page.FillAsync("textarea[name=token]", Server.Tokens.Issue(principal));
        await page.ClickAsync("button[type=submit]");

        // Signed in once the form's answer has redirected to the board (its cookie set): every caller goes on to a board
        // URL of its own. Asked of the page's address by an assertion that polls it: WaitForURLAsync timed out at 30 s,
        // twice in CI waiting for the load event and once in a full local run with WaitUntil = Commit, each time after the
        // page had loaded (Playwright's log said NetworkIdle). When the address already matches it waits for a load state, and its
        // check-then-subscribe can miss the event (playwright-dotnet issues 3364 and 3365, open).
        await Assertions.Expect(page).ToHaveURLAsync(BoardAddress.ToString(), new PageAssertionsToHaveURLOptions { Timeout = 30_000 });
        return page;
    }

    /// <summary>The commune's self-assessment: <paramref name="drawsOf"/>'s drawn items (its own when null) and item 1.1 at <paramref name="points"/>.</summary>
    internal Task<SubmitScoresResponse> SelfAssessAsync(string province, string commune, decimal points, string? drawsOf = null) =>
        Server.Shared.Scoring.SubmitScoresAsync(Batch(commune, Stage.SelfAssessment, Draws(drawsOf ?? commune), points),
            Server.Tokens.As(TestTokens.CommuneOfficer(province, commune))).ResponseAsync;

    private IReadOnlyList<ItemScore> Draws(string commune) => _drawn[commune];

    private static SubmitScoresRequest Batch(string commune, Stage stage, IReadOnlyList<ItemScore> drawn, decimal points)
    {
        var request = new SubmitScoresRequest { CommuneCode = commune, Period = Rpc.Year(Year), Stage = stage };
        request.Items.Add(drawn.Select(i => i.Clone()));
        request.Items.Add(new ItemScore { ItemCode = "1.1", Points = points.ToString(CultureInfo.InvariantCulture) });
        return request;
    }

    private async Task SeedAsync(string province, IReadOnlyList<(string Code, string Name, decimal Points)> communes)
    {
        var admin = Server.ClientAs(TestTokens.ProvinceAdmin(province));
        var import = new ImportUnitsRequest { ProvinceCode = province, FirstYear = 2020, LastYear = 2024 };
        import.Units.Add(new Unit { Code = province, Name = $"Tỉnh Bảng Xếp Hạng {province}", Level = UnitLevel.Province, Type = "Tỉnh" });
        import.Units.Add(new Unit { Code = province + "1", Name = "Huyện Krông Búk", Level = UnitLevel.District, Type = "Huyện", ParentCode = province });
        import.Units.Add(communes.Select(c => new Unit { Code = c.Code, Name = c.Name, Level = UnitLevel.Commune, Type = c.Name.StartsWith("Thị trấn", StringComparison.Ordinal) ? "Thị trấn" : c.Name.Split(' ')[0], ParentCode = province + "1" }));
        await admin.Registry.ImportUnitsAsync(import).ResponseAsync;
        await admin.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(province, Year)).ResponseAsync;
        foreach (var (code, _, points) in communes)
        {
            // The other items drawn at random (the same draws for a commune every run), item 1.1 as given.
            var random = new Random(int.Parse(code, CultureInfo.InvariantCulture));
            _drawn[code] = [.. SeasonFramework.Leaves().Where(l => !SeasonFramework.IsSurvey(l.Code) && l.Code != "1.1").Select(l => ScoreDraw.Draw(l, random).Api)];
            await SelfAssessAsync(province, code, points);
        }

        // Two communes appraised (round 1, the same figures): their rows are no longer provisional.
        foreach (var (code, _, points) in communes.Take(2))
        {
            var request = Batch(code, Stage.AppraisalRound1, Draws(code), points);
            await Server.Shared.Scoring.SubmitScoresAsync(request, Server.Tokens.As(TestTokens.Appraiser(province, province + "1"))).ResponseAsync;
        }
    }
}
