using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Cchc.Grpc;

/// <summary>
/// The parts of the gRPC over HTTP/2 spec (grpc/grpc doc/PROTOCOL-HTTP2.md) that client and server share:
/// header names, <c>grpc-timeout</c>, percent-encoded <c>grpc-message</c>, base64 <c>-bin</c> values.
/// </summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string Identity = "identity";
    public const string Gzip = "gzip";

    /// <summary>What we accept, as sent in <c>grpc-accept-encoding</c>.</summary>
    public const string SupportedEncodings = "identity,gzip";

    public const int HeaderSize = 5;
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;

    public static readonly MediaTypeHeaderValue ContentTypeValue = new(ContentType);

    /// <summary>Whether a content-type is gRPC: <c>application/grpc</c>, optionally <c>+proto</c> or parameters.</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (contentType.Length == ContentType.Length)
        {
            return true;
        }

        // "application/grpc-web" is another protocol; "+proto" and ";charset=..." are ours.
        char next = contentType[ContentType.Length];
        return next is '+' or ';';
    }

    /// <summary>Whether a header is the protocol's own, not call metadata.</summary>
    public static bool IsReservedHeader(string key) =>
        key.Length == 0 || key[0] == ':' ||
        key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("content-type", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("te", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("content-length", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("host", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses <c>grpc-timeout</c>: at most 8 digits and a unit (H, M, S, m, u, n).</summary>
    public static bool TryParseTimeout(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length < 2 || value.Length > 9)
        {
            return false;
        }

        ReadOnlySpan<char> digits = value.AsSpan(0, value.Length - 1);
        foreach (char c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        long amount = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        long ticks = value[^1] switch
        {
            'H' => amount * TimeSpan.TicksPerHour,
            'M' => amount * TimeSpan.TicksPerMinute,
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * TimeSpan.TicksPerMicrosecond,
            'n' => amount / TimeSpan.NanosecondsPerTick,
            _ => -1,
        };
        if (ticks < 0)
        {
            return false;
        }

        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>Formats a timeout in the finest unit that fits 8 digits, rounding up so the server never sees less.</summary>
    public static string FormatTimeout(TimeSpan timeout)
    {
        const long MaxAmount = 99_999_999;
        long ticks = Math.Max(0, timeout.Ticks);
        if (ticks * TimeSpan.NanosecondsPerTick <= MaxAmount)
        {
            return (ticks * TimeSpan.NanosecondsPerTick).ToString(CultureInfo.InvariantCulture) + "n";
        }

        (long unit, char suffix)[] units =
        [
            (TimeSpan.TicksPerMicrosecond, 'u'),
            (TimeSpan.TicksPerMillisecond, 'm'),
            (TimeSpan.TicksPerSecond, 'S'),
            (TimeSpan.TicksPerMinute, 'M'),
            (TimeSpan.TicksPerHour, 'H'),
        ];
        foreach ((long unit, char suffix) in units)
        {
            long amount = (ticks + unit - 1) / unit;
            if (amount <= MaxAmount)
            {
                return amount.ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        return "99999999H";
    }

    /// <summary>
    /// Percent-encodes a status message: UTF-8, then every byte outside 0x20–0x7E and '%' itself as %XX.
    /// </summary>
    public static string EncodeMessage(string message)
    {
        bool plain = true;
        foreach (char c in message)
        {
            if (c is < ' ' or > '~' or '%')
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return message;
        }

        byte[] utf8 = Encoding.UTF8.GetBytes(message);
        var builder = new StringBuilder(utf8.Length * 3);
        foreach (byte b in utf8)
        {
            if (b is < 0x20 or > 0x7E or (byte)'%')
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append((char)b);
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes a percent-encoded status message; a malformed %XX is kept as it came, as the spec asks.</summary>
    public static string DecodeMessage(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (!value.Contains('%', StringComparison.Ordinal))
        {
            return value;
        }

        byte[] buffer = ArrayPool<byte>.Shared.Rent(value.Length * 3);
        try
        {
            int length = 0;
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (c == '%' && i + 2 < value.Length &&
                    byte.TryParse(value.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out byte b))
                {
                    buffer[length++] = b;
                    i += 2;
                }
                else
                {
                    length += Encoding.UTF8.GetBytes(value.AsSpan(i, 1), buffer.AsSpan(length));
                }
            }

            return Encoding.UTF8.GetString(buffer, 0, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Decodes a <c>-bin</c> value: base64 with or without padding, as the spec allows.</summary>
    public static byte[] DecodeBase64(string value)
    {
        int padding = (4 - (value.Length % 4)) % 4;
        return Convert.FromBase64String(padding == 0 || value.Contains('=', StringComparison.Ordinal) ? value : value + new string('=', padding));
    }

    /// <summary>The status a client reports for a non-200 HTTP response with no <c>grpc-status</c> (spec's table).</summary>
    public static GrpcStatusCode StatusFromHttp(int httpStatus) => httpStatus switch
    {
        400 => GrpcStatusCode.Internal,
        401 => GrpcStatusCode.Unauthenticated,
        403 => GrpcStatusCode.PermissionDenied,
        404 => GrpcStatusCode.Unimplemented,
        429 or 502 or 503 or 504 => GrpcStatusCode.Unavailable,
        _ => GrpcStatusCode.Unknown,
    };

    public static bool TryParseStatus(string? value, out GrpcStatusCode status)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int code) && code is >= 0 and <= 16)
        {
            status = (GrpcStatusCode)code;
            return true;
        }

        status = GrpcStatusCode.Unknown;
        return false;
    }

    /// <summary>The <c>grpc-status</c> header value, without formatting an int on every call.</summary>
    public static string StatusText(GrpcStatusCode status) => StatusTexts[(int)status];

    private static readonly string[] StatusTexts =
        [.. Enumerable.Range(0, 17).Select(i => i.ToString(CultureInfo.InvariantCulture))];
}
