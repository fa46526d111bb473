using System.Net;
using Cchc.Server.Hosting;
using Cchc.Server.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Server.Board;

/// <summary>
/// The live ranking board on the metrics listener (HTTP/1.1): the page at /board, its JSON under /board/api and its
/// live feed as Server-Sent Events. Sign-in works as the dashboard's: the token is posted once to /board/login and kept
/// in an HttpOnly, SameSite=Strict cookie scoped to /board; a tool may send "Authorization: Bearer" instead.
/// </summary>
internal static class BoardHosting
{
    public const string PathPrefix = "/board";

    public const string CookieName = "cchc_board_token";

    private const string LoginForm = """
        <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>CCHC – đăng nhập bảng xếp hạng</title>
        <link rel="stylesheet" href="/board/board.css"></head>
        <body><h1>Bảng xếp hạng CCHC trực tuyến</h1>
        <p>Paste your token (issue one with <code>cchc token --role viewer --province 30</code>, or any role).</p>
        <form method="post" action="/board/login"><textarea name="token" rows="6" cols="80" required></textarea>
        <p><button type="submit">Sign in</button></p></form></body></html>
        """;

    /// <summary>Adds /board to a branch of the pipeline that only the metrics listener's requests reach.</summary>
    public static void UseCchcBoard(this IApplicationBuilder admin, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        admin.Map(PathPrefix, board => board.Run(context => RouteAsync(context, options.BoardPublic)));
    }

    private static Task RouteAsync(HttpContext context, bool publicView)
    {
        var path = context.Request.Path.Value ?? "";
        var get = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method);
        return path switch
        {
            "" or "/" when get => BoardAssets.WriteAsync(context, "board.html"),
            "/board.js" or "/board.css" when get => BoardAssets.WriteAsync(context, path[1..]),
            "/login" => LoginAsync(context),
            "/logout" when HttpMethods.IsPost(context.Request.Method) => LogoutAsync(context),
            "/api/me" when get => BoardApi.MeAsync(context, publicView),
            "/api/ranking" when get => BoardApi.RankingAsync(context, publicView),
            "/api/progress" when get => BoardApi.ProgressAsync(context, publicView),
            "/api/watch" when get => BoardApi.WatchAsync(context, publicView),
            _ => BoardApi.ErrorAsync(context, HttpStatusCode.NotFound, $"Nothing is served at {PathPrefix}{path}; open {PathPrefix}."),
        };
    }

    private static async Task LoginAsync(HttpContext context)
    {
        if (!context.RequestServices.GetRequiredService<ApiAccess>().Enforced)
        {
            // --insecure-no-auth: there is nothing to sign in to.
            context.Response.Redirect(PathPrefix, permanent: false);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(LoginForm);
            return;
        }

        var token = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync())["token"].ToString().Trim() : "";
        if (token.Length == 0)
        {
            await BoardApi.ErrorAsync(context, HttpStatusCode.BadRequest, "Post the token as the form field 'token'.");
            return;
        }

        context.Request.Headers.Authorization = "Bearer " + token;
        if (await BoardApi.AuthenticateAsync(context) is null)
        {
            await BoardApi.ErrorAsync(context, HttpStatusCode.Unauthorized, "That token is not valid here (wrong key, or expired); issue one with `cchc token`.");
            return;
        }

        SignInCookie.Set(context.Response, CookieName, PathPrefix, token);
        context.Response.Redirect(PathPrefix, permanent: false);
    }

    private static Task LogoutAsync(HttpContext context)
    {
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = PathPrefix });
        context.Response.Redirect(PathPrefix, permanent: false);
        return Task.CompletedTask;
    }
}
