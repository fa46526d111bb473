using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Cchc.Server.Board;

/// <summary>The page's files, embedded in the server's assembly (Board/wwwroot).</summary>
internal static class BoardAssets
{
    public static async Task WriteAsync(HttpContext context, string name)
    {
        await using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("board/" + name)
            ?? throw new InvalidOperationException($"The board's {name} is not embedded in the server.");
        context.Response.ContentType = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            _ => "text/css; charset=utf-8",
        };
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.ContentLength = stream.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }
}
