using System.Globalization;
using System.Net;

namespace Cchc.Observability;

/// <summary>Reads <c>--metrics-listen HOST:PORT</c>: an IPv4 or bracketed IPv6 address, or localhost, and a port.</summary>
public static class MetricsListenAddress
{
    /// <summary>Parses the value or throws an <see cref="ArgumentException"/> that says what a good one looks like.</summary>
    public static IPEndPoint Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw Invalid(value, "it needs a host and a port");
        }

        var host = text[..colon];
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) ||
            port > IPEndPoint.MaxPort)
        {
            throw Invalid(value, $"the port must be a number from 0 to {IPEndPoint.MaxPort}");
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        else if (host.Contains(':', StringComparison.Ordinal))
        {
            throw Invalid(value, "an IPv6 address goes in brackets, e.g. [::1]:9464");
        }

        return IPAddress.TryParse(host, out var address)
            ? new IPEndPoint(address, port)
            : throw Invalid(value, $"'{host}' is not an IP address (or localhost)");
    }

    private static ArgumentException Invalid(string value, string why) =>
        new($"--metrics-listen '{value}' is not HOST:PORT ({why}); e.g. 127.0.0.1:9464, 0.0.0.0:9464 or [::1]:9464.",
            nameof(value));
}
