using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Cchc.Api.V1;
using Cchc.Server.Hosting;

namespace Cchc.Server.Tests;

/// <summary>
/// The board's HTTP side without a browser, on a server with public view off (the default): anonymous visitors are
/// sent to sign in even for a published ranking, bad queries get a reason, and the live feed resumes after the
/// version a reconnecting browser names in Last-Event-ID.
/// </summary>
public sealed class BoardHttpTests
{
    private const string Province = "97";
    private const int Year = 2024;
    private static readonly TinyProvince Tiny = new(Province, Year);

    [Fact]
    public async Task With_public_view_off_anonymous_visitors_must_sign_in_and_the_feed_resumes_after_last_event_id()
    {
        await using var server = await RunningServer.StartAsync(configure: o => o with { MetricsListen = "127.0.0.1:0" });
        await Tiny.SeedAsync(server);
        decimal[] points = [1m, 2m, 3m];
        for (var i = 0; i < Tiny.Communes.Count; i++)
        {
            await Tiny.SubmitAsync(server, Tiny.SelfAssessment(Tiny.Communes[i], points[i]));
        }

        using var http = new HttpClient { BaseAddress = server.Host.MetricsAddress, Timeout = TimeSpan.FromMinutes(1) };
        var query = $"?scope={Province}&year={Year}";

        // A browser opens the feed: the snapshot (three self-assessments made versions 1–3), then each change.
        using (var reader = await WatchAsync(http, server, query, lastEventId: null))
        {
            Assert.Equal(("3", "snapshot", null), await NextEventAsync(reader));
            await Tiny.SubmitAsync(server, Tiny.SelfAssessment(Tiny.Communes[0], 2.5m));
            Assert.Equal(("4", "update", Tiny.Communes[0]), await NextEventAsync(reader));
            await Tiny.SubmitAsync(server, Tiny.SelfAssessment(Tiny.Communes[1], 0.5m));
            Assert.Equal(("5", "update", Tiny.Communes[1]), await NextEventAsync(reader));
        }

        // It lost the connection after version 4: reconnecting with Last-Event-ID 4, it gets version 5 as an update.
        using (var reader = await WatchAsync(http, server, query, lastEventId: "4"))
        {
            Assert.Equal(("5", "update", Tiny.Communes[1]), await NextEventAsync(reader));
        }

        // Published: still no anonymous view, since the operator left public view off.
        await server.Shared.Scoring.PublishPeriodAsync(new PublishPeriodRequest { ScopeCode = Province, Period = Rpc.Year(Year) },
            server.Tokens.As(TestTokens.ProvinceAdmin(Province))).ResponseAsync;
        using (var page = await http.GetAsync(new Uri("/board", UriKind.Relative)))
        {
            Assert.Equal((HttpStatusCode.OK, "text/html"), (page.StatusCode, page.Content.Headers.ContentType?.MediaType));
        }

        using (var anonymous = await http.GetAsync(new Uri("/board/api/ranking" + query, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Contains("public view is off", await ErrorAsync(anonymous), StringComparison.Ordinal);
        }

        using (var badPeriod = await GetAsync(http, server, $"/board/api/ranking?scope={Province}&year={Year}&period=Q5"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
            Assert.Contains("period Y, H1, H2 or Q1–Q4", await ErrorAsync(badPeriod), StringComparison.Ordinal);
        }

        // Signed in (bearer): version 5 (publishing adds none), best first by points: 3, 2.5, 0.5.
        using (var ranking = await GetAsync(http, server, "/board/api/ranking" + query))
        {
            Assert.Equal(HttpStatusCode.OK, ranking.StatusCode);
            using var json = JsonDocument.Parse(await ranking.Content.ReadAsStringAsync());
            Assert.Equal(5, json.RootElement.GetProperty("version").GetInt64());
            Assert.True(json.RootElement.GetProperty("published").GetBoolean());
            Assert.Equal([Tiny.Communes[2], Tiny.Communes[0], Tiny.Communes[1]], json.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("unitCode").GetString()));
            Assert.Equal(3, json.RootElement.GetProperty("totals").GetProperty("unitCount").GetInt32());
        }
    }

    [Theory]
    [InlineData(new[] { "--board-public", "yes" }, "--board-public: 'yes' is not on or off")]
    [InlineData(new[] { "--board-public", "on", "--metrics-listen", "off" }, "--board-public on opens the board, which is served on the metrics listener")]
    public void Unusable_board_settings_are_refused_with_what_to_do(string[] args, string message)
    {
        var refused = Assert.Throws<ServerConfigurationException>(() => ServerConfiguration.Read(args, new Dictionary<string, string?>(), AppContext.BaseDirectory));
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Public_view_is_off_unless_the_operator_turns_it_on()
    {
        Assert.False(ServerConfiguration.Read([], new Dictionary<string, string?>(), AppContext.BaseDirectory).BoardPublic);
        Assert.True(ServerConfiguration.Read([], new Dictionary<string, string?> { ["CCHC_BOARD_PUBLIC"] = "on" }, AppContext.BaseDirectory).BoardPublic);
        Assert.True(ServerConfiguration.Read(["--board-public", "on"], new Dictionary<string, string?>(), AppContext.BaseDirectory).BoardPublic);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, RunningServer server, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.Tokens.Issue(TestTokens.Viewer(Province)));
        return await http.SendAsync(request);
    }

    /// <summary>Opens the live feed as a signed-in viewer; the reader owns the response.</summary>
    private static async Task<StreamReader> WatchAsync(HttpClient http, RunningServer server, string query, string? lastEventId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/board/api/watch" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.Tokens.Issue(TestTokens.Viewer(Province)));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new StreamReader(await response.Content.ReadAsStreamAsync());
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString()!;
    }

    /// <summary>The next event's id, type and unit code (an update's).</summary>
    private static async Task<(string? Id, string? Event, string? Unit)> NextEventAsync(StreamReader reader)
    {
        string? id = null, kind = null, unit = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0 && kind is not null)
            {
                return (id, kind, unit);
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                using var json = JsonDocument.Parse(line[6..]);
                unit = json.RootElement.TryGetProperty("unitCode", out var code) ? code.GetString() : null;
            }
        }

        throw new EndOfStreamException("The feed ended before the next event.");
    }
}
