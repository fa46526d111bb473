using System.Diagnostics;
using Cchc.Api.V1;
using Microsoft.Playwright;

namespace Cchc.Server.Tests;

/// <summary>
/// The live ranking board driven by a real browser: it shows the ranking a signed-in viewer may read, moves a row
/// within a second of a score's acknowledgement, refuses a viewer of another province on the page, and shows
/// anonymous visitors published rankings only (public view on).
/// </summary>
public sealed class BoardTests(BoardFixture board) : IClassFixture<BoardFixture>
{
    private const string Rows = "#ranking tbody tr";

    [Fact]
    public async Task A_signed_in_viewer_sees_the_ranking_and_a_submitted_score_moves_its_row_within_a_second()
    {
        await using var context = await board.NewContextAsync();
        var page = await board.SignedInAsync(context, TestTokens.Viewer(BoardFixture.Live));
        await page.GotoAsync($"/board?scope={BoardFixture.Live}&year={BoardFixture.Year}");
        await page.Locator(Rows).Nth(BoardFixture.LiveCommunes.Count - 1).WaitForAsync();

        // More points of the one item entered, a higher index: the order follows from the points alone.
        var expected = BoardFixture.LiveCommunes.OrderByDescending(c => c.Points).ToList();
        Assert.Equal(expected.Select(c => c.Code), await UnitsAsync(page));
        Assert.Equal(expected.Select(c => c.Name), await page.Locator($"{Rows} td:nth-child(3)").AllInnerTextsAsync().ContinueWith(
            t => t.Result.Select(n => n.Replace(" (tạm tính)", "", StringComparison.Ordinal)).ToList(), TaskScheduler.Default));
        var api = await board.Server.Shared.Ranking.GetRankingAsync(
            new GetRankingRequest { ScopeCode = BoardFixture.Live, Period = Rpc.Year(BoardFixture.Year), PageSize = 100 },
            board.Server.Tokens.As(TestTokens.Viewer(BoardFixture.Live))).ResponseAsync;
        Assert.Equal(api.Entries.Select(e => e.UnitCode), await UnitsAsync(page));

        // Self-assessment only: every row is provisional, and the progress counts all 8 communes.
        Assert.Equal(BoardFixture.LiveCommunes.Count, await page.Locator($"{Rows}.provisional").CountAsync());
        Assert.Contains("Số xã: 8", await page.Locator("#progress").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#chart rect[height]").CountAsync() > 0, "The index chart drew no bars.");

        // The last commune claims the full 3 points: it goes to the top, past 94106's 2.75.
        var (mover, _, _) = expected[^1];
        await board.SelfAssessAsync(BoardFixture.Live, mover, 3m);
        var clock = Stopwatch.StartNew();
        await page.WaitForFunctionAsync("code => document.querySelector('#ranking tbody tr')?.dataset.unit === code", mover,
            new PageWaitForFunctionOptions { PollingInterval = 10, Timeout = 10_000 });
        var moved = clock.Elapsed;
        Assert.True(moved < TimeSpan.FromSeconds(1), $"The row moved {moved.TotalMilliseconds:F0} ms after the gRPC answer; the board promises under a second.");
        Assert.Equal([mover, .. expected.SkipLast(1).Select(c => c.Code)], await UnitsAsync(page));
        Assert.Contains("up", await page.Locator($"{Rows}[data-unit='{mover}']").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        Assert.Contains("down", await page.Locator($"{Rows}[data-unit='{expected[0].Code}']").GetAttributeAsync("class") ?? "", StringComparison.Ordinal);

        var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        var shot = Path.Combine(artifacts, "board.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 10_000, "The screenshot is (nearly) empty.");
        File.Copy(shot, Path.Combine(TestPaths.RepositoryRoot(), "deploy", "board.png"), overwrite: true);
    }

    [Fact]
    public async Task A_viewer_of_another_province_gets_the_policys_refusal_on_the_page()
    {
        await using var context = await board.NewContextAsync();
        var page = await board.SignedInAsync(context, TestTokens.Viewer(BoardFixture.Published));
        await page.GotoAsync($"/board?scope={BoardFixture.Live}&year={BoardFixture.Year}");
        var refusal = page.Locator("#refusal");
        await refusal.WaitForAsync();
        var text = await refusal.InnerTextAsync();
        Assert.StartsWith("Không được phép xem:", text, StringComparison.Ordinal);
        Assert.Contains("may not read the unpublished results of province 94", text, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(Rows).CountAsync());
        Assert.True(await page.Locator("#board").IsHiddenAsync());

        // Its own province's published ranking it may read.
        await page.GotoAsync($"/board?scope={BoardFixture.Published}&year={BoardFixture.Year}");
        await page.Locator(Rows).Nth(1).WaitForAsync();
        Assert.True(await refusal.IsHiddenAsync());
    }

    [Fact]
    public async Task With_public_view_on_an_anonymous_visitor_sees_a_published_ranking_and_not_an_unpublished_one()
    {
        await using var context = await board.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/board?scope={BoardFixture.Published}&year={BoardFixture.Year}");
        await page.Locator(Rows).Nth(1).WaitForAsync();
        Assert.Equal(["96101", "96102"], await UnitsAsync(page));
        Assert.Contains("đã công bố", await page.Locator("#status").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync($"/board?scope={BoardFixture.Live}&year={BoardFixture.Year}");
        var refusal = page.Locator("#refusal");
        await refusal.WaitForAsync();
        Assert.Contains("are not published yet", await refusal.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator(Rows).CountAsync());

        // The JSON says the same with a status a tool can read.
        var answer = await context.APIRequest.GetAsync($"/board/api/ranking?scope={BoardFixture.Live}&year={BoardFixture.Year}");
        Assert.Equal(401, answer.Status);
    }

    private static async Task<IReadOnlyList<string>> UnitsAsync(IPage page) =>
        [.. (await page.Locator(Rows).EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.unit)"))];
}
