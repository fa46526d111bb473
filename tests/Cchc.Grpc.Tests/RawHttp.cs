using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Cchc.Grpc.Tests;

/// <summary>Hand-made gRPC requests over plain HttpClient (HTTP/2 prior knowledge), to see exactly what goes on the wire.</summary>
public sealed class RawHttp : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler());

    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    public static byte[] Frame(byte[] payload, byte flag = 0)
    {
        byte[] frame = new byte[5 + payload.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public async Task<RawResponse> PostAsync(int port, string path, byte[] body, string contentType = "application/grpc", params (string Name, string Value)[] headers)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}{path}")
        {
            Content = content,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using HttpResponseMessage response = await _http.SendAsync(request);
        byte[] responseBody = await response.Content.ReadAsByteArrayAsync();
        return new RawResponse(
            (int)response.StatusCode,
            response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            response.TrailingHeaders.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase),
            responseBody,
            response.Version);
    }

    public void Dispose() => _http.Dispose();
}

public sealed record RawResponse(int StatusCode, Dictionary<string, string> Headers, Dictionary<string, string> Trailers, byte[] Body, Version Version)
{
    /// <summary>Trailers-only: the status came in the headers and nothing else followed.</summary>
    public bool IsTrailersOnly => Headers.ContainsKey("grpc-status") && Body.Length == 0 && Trailers.Count == 0;

    public string? Status => Headers.GetValueOrDefault("grpc-status") ?? Trailers.GetValueOrDefault("grpc-status");

    public string? Message => Headers.GetValueOrDefault("grpc-message") ?? Trailers.GetValueOrDefault("grpc-message");
}
