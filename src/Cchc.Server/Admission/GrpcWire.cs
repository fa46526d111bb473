using System.Text;

namespace Cchc.Server.Admission;

/// <summary>
/// The two pieces of the gRPC-over-HTTP/2 wire format the admission gate needs before grpc-dotnet has seen a call: the
/// <c>grpc-timeout</c> request header and the percent-encoded <c>grpc-message</c> of an answer.
/// </summary>
internal static class GrpcWire
{
    /// <summary>
    /// The time a <c>grpc-timeout</c> value allows: 1 to 8 ASCII digits and a unit (H, M, S, m, u, n). Null when absent or
    /// malformed: grpc-dotnet then runs the call with no deadline, and so does the gate.
    /// </summary>
    public static TimeSpan? Timeout(string? value)
    {
        if (value is not { Length: >= 2 and <= 9 })
        {
            return null;
        }

        long amount = 0;
        for (var i = 0; i < value.Length - 1; i++)
        {
            if (value[i] is < '0' or > '9')
            {
                return null;
            }

            amount = (amount * 10) + (value[i] - '0');
        }

        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }

    /// <summary>A <c>grpc-message</c> value: the UTF-8 bytes of <paramref name="message"/>, those outside printable ASCII and '%' as %XX.</summary>
    public static string PercentEncode(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var bytes = Encoding.UTF8.GetBytes(message);
        var encoded = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
