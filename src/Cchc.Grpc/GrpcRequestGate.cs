using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Cchc.Grpc;

/// <summary>The checks every call passes before its handler runs (spec: content-type, HTTP/2, grpc-encoding).</summary>
internal static class GrpcRequestGate
{
    public static bool TryAccept(HttpContext httpContext, out bool gzipRequest)
    {
        gzipRequest = false;
        HttpRequest request = httpContext.Request;
        HttpResponse response = httpContext.Response;
        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            response.Headers[GrpcProtocol.StatusHeader] = GrpcProtocol.StatusText(GrpcStatusCode.Internal);
            response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(
                $"Content-Type '{request.ContentType}' is not supported; gRPC requests use 'application/grpc'.");
            return false;
        }

        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            response.StatusCode = StatusCodes.Status426UpgradeRequired;
            response.Headers.Upgrade = "h2c";
            response.Headers[GrpcProtocol.StatusHeader] = GrpcProtocol.StatusText(GrpcStatusCode.Internal);
            response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(
                $"gRPC needs HTTP/2; the request came as {request.Protocol}.");
            return false;
        }

        response.ContentType = GrpcProtocol.ContentType;

        string? encoding = request.Headers[GrpcProtocol.EncodingHeader];
        if (encoding is not null && !encoding.Equals(GrpcProtocol.Identity, StringComparison.OrdinalIgnoreCase))
        {
            if (!encoding.Equals(GrpcProtocol.Gzip, StringComparison.OrdinalIgnoreCase))
            {
                response.Headers[GrpcProtocol.AcceptEncodingHeader] = GrpcProtocol.SupportedEncodings;
                response.Headers[GrpcProtocol.StatusHeader] = GrpcProtocol.StatusText(GrpcStatusCode.Unimplemented);
                response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(
                    $"Unsupported grpc-encoding value '{encoding}'. Supported encodings: {GrpcProtocol.SupportedEncodings}.");
                return false;
            }

            gzipRequest = true;
        }

        // A stream may idle between messages for as long as the call lasts, and its size is bounded per message,
        // not per body: the HTTP limits meant for uploads would cut long calls.
        if (httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        return true;
    }

    /// <summary>The answer for a path no registered method has (sent trailers-only).</summary>
    public static Task WriteUnimplemented(HttpContext httpContext, string message)
    {
        if (TryAccept(httpContext, out _))
        {
            httpContext.Response.Headers[GrpcProtocol.StatusHeader] = GrpcProtocol.StatusText(GrpcStatusCode.Unimplemented);
            httpContext.Response.Headers[GrpcProtocol.MessageHeader] = GrpcProtocol.EncodeMessage(message);
        }

        return Task.CompletedTask;
    }
}
