using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Cchc.Security.Authentication;

/// <summary>
/// A gRPC "trailers-only" answer written outside a gRPC handler (the request never reached one): HTTP 200,
/// content-type application/grpc, and grpc-status / grpc-message as headers, which every gRPC client reads as the
/// call's status.
/// </summary>
internal static class GrpcStatusResponse
{
    public const int Unauthenticated = 16;

    public static Task WriteAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = status.ToString(CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = PercentEncode(message);
        response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return response.CompleteAsync();
    }

    // The gRPC spec's percent-encoding: printable ASCII but '%' as it is, every other UTF-8 byte as %XX.
    private static string PercentEncode(string text)
    {
        var encoded = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
