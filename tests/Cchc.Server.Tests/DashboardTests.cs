using System.Net;
using System.Net.Http.Headers;

namespace Cchc.Server.Tests;

/// <summary>The Orleans Dashboard on the metrics listener: off by default, and for national viewers only when on.</summary>
public sealed class DashboardTests
{
    [Fact]
    public async Task The_dashboard_is_not_served_unless_turned_on()
    {
        await using var server = await RunningServer.StartAsync(configure: o => o with { MetricsListen = "127.0.0.1:0" });
        using var http = new HttpClient { BaseAddress = server.Host.MetricsAddress };
        using var response = await http.GetAsync(new Uri("/dashboard/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_dashboard_answers_401_and_a_province_viewer_gets_403()
    {
        await using var server = await RunningServer.StartAsync(configure: o => o with { MetricsListen = "127.0.0.1:0", Dashboard = true });
        using var http = new HttpClient { BaseAddress = server.Host.MetricsAddress };

        using var anonymous = await http.GetAsync(new Uri("/dashboard/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("national viewer's token", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.Tokens.Issue(TestTokens.Viewer("30")));
        using var viewer = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.StatusCode);

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", new TestTokens().Issue(TestTokens.National));
        using var wrongKey = await http.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);

        // Metrics stay open to the scraper.
        using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
    }

    [Fact]
    public async Task A_national_viewer_opens_the_dashboard_with_a_bearer_token_or_through_the_login_form()
    {
        await using var server = await RunningServer.StartAsync(configure: o => o with { MetricsListen = "127.0.0.1:0", Dashboard = true });
        var token = server.Tokens.Issue(TestTokens.National);
        using (var http = new HttpClient { BaseAddress = server.Host.MetricsAddress })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var page = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        }

        // A browser: the form posts the token once, then the cookie carries it on the page's own requests.
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true };
        using var browser = new HttpClient(handler) { BaseAddress = server.Host.MetricsAddress };
        using var rejected = await browser.PostAsync(new Uri("/dashboard/login", UriKind.Relative),
            new FormUrlEncodedContent([new("token", server.Tokens.Issue(TestTokens.Viewer("30")))]));
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Empty(handler.CookieContainer.GetCookies(server.Host.MetricsAddress!));

        using var login = await browser.PostAsync(new Uri("/dashboard/login", UriKind.Relative), new FormUrlEncodedContent([new("token", token)]));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("/dashboard/", login.RequestMessage!.RequestUri!.AbsolutePath);
        var cookie = Assert.Single(handler.CookieContainer.GetCookies(new Uri(server.Host.MetricsAddress!, "/dashboard/")));
        Assert.True(cookie.HttpOnly);
        Assert.Equal("/dashboard", cookie.Path);
    }
}
