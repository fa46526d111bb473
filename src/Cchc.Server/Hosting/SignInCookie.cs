using Microsoft.AspNetCore.Http;

namespace Cchc.Server.Hosting;

/// <summary>
/// The cookie the browser pages (the Orleans Dashboard, the live board) keep a signed-in token in: HttpOnly so page
/// scripts cannot read it, SameSite=Strict so no other site's request carries it, and scoped to the page's path.
/// </summary>
internal static class SignInCookie
{
    public static void Set(HttpResponse response, string name, string path, string token) =>
        response.Cookies.Append(name, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = path,
            IsEssential = true,
        });
}
