using System.Net;
using Cchc.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.Dashboard;

namespace Cchc.Server.Hosting;

/// <summary>
/// The Orleans Dashboard (Microsoft.Orleans.Dashboard) on the metrics listener, for national viewers only: it shows
/// the whole cluster. A tool sends the token as "Authorization: Bearer"; a browser posts it once to /dashboard/login,
/// which keeps it in an HttpOnly, SameSite=Strict cookie scoped to /dashboard for the page's own requests.
/// </summary>
internal static class DashboardHosting
{
    public const string PathPrefix = "/dashboard";

    public const string LoginPath = PathPrefix + "/login";

    public const string CookieName = "cchc_dashboard_token";

    private const string LoginForm = """
        <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>CCHC cluster dashboard</title></head>
        <body><h1>Orleans Dashboard</h1><p>Paste a national viewer's token (cchc token --role national-viewer).</p>
        <form method="post" action="/dashboard/login"><textarea name="token" rows="6" cols="80" required></textarea>
        <p><button type="submit">Open the dashboard</button></p></form></body></html>
        """;

    /// <summary>Adds the dashboard to a branch of the pipeline that only the metrics listener's requests reach.</summary>
    public static void UseCchcDashboard(this IApplicationBuilder admin)
    {
        admin.Map(LoginPath, login => login.Run(LoginAsync));
        admin.UseWhen(
            context => context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.Ordinal),
            dashboard => dashboard.Use(RequireNationalViewerAsync));
        admin.UseRouting();
        admin.UseEndpoints(endpoints => endpoints.MapOrleansDashboard(PathPrefix));
    }

    private static async Task RequireNationalViewerAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Headers.Authorization.Count == 0 && context.Request.Cookies[CookieName] is { Length: > 0 } token)
        {
            context.Request.Headers.Authorization = "Bearer " + token;
        }

        var principal = await AuthenticateAsync(context);
        if (principal is null)
        {
            await RefuseAsync(context, HttpStatusCode.Unauthorized,
                $"The dashboard needs a national viewer's token: open {LoginPath} in a browser, or send Authorization: Bearer TOKEN.");
            return;
        }

        if (principal.Role != CchcRole.NationalViewer)
        {
            await RefuseAsync(context, HttpStatusCode.Forbidden,
                $"The dashboard shows the whole cluster, so it is for national viewers only; {principal.Description} may not open it.");
            return;
        }

        await next(context);
    }

    private static async Task LoginAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(LoginForm);
            return;
        }

        var token = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync()).Field("token") : null;
        if (token is null)
        {
            await RefuseAsync(context, HttpStatusCode.BadRequest, "Post the token as the form field 'token'.");
            return;
        }

        context.Request.Headers.Authorization = "Bearer " + token;
        if (await AuthenticateAsync(context) is not { Role: CchcRole.NationalViewer })
        {
            await RefuseAsync(context, HttpStatusCode.Unauthorized, "That is not a valid national viewer's token; issue one with `cchc token --role national-viewer`.");
            return;
        }

        SignInCookie.Set(context.Response, CookieName, PathPrefix, token);
        context.Response.Redirect(PathPrefix + "/", permanent: false);
    }

    private static string? Field(this IFormCollection form, string name) =>
        form[name].ToString().Trim() is { Length: > 0 } value ? value : null;

    private static async Task<CchcPrincipal?> AuthenticateAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        return result.Succeeded ? CchcPrincipalClaims.Of(result.Principal) : null;
    }

    private static Task RefuseAsync(HttpContext context, HttpStatusCode status, string message)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message + "\n");
    }
}
