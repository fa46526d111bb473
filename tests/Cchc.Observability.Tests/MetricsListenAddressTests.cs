using System.Net;

namespace Cchc.Observability.Tests;

public sealed class MetricsListenAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:9464", "127.0.0.1:9464")]
    [InlineData("0.0.0.0:9100", "0.0.0.0:9100")]
    [InlineData("localhost:9464", "127.0.0.1:9464")]
    [InlineData("[::1]:9464", "[::1]:9464")]
    [InlineData(" 127.0.0.1:0 ", "127.0.0.1:0")]
    public void Host_and_port_are_read(string value, string expected) =>
        Assert.Equal(IPEndPoint.Parse(expected), MetricsListenAddress.Parse(value));

    [Theory]
    [InlineData("9464", "needs a host and a port")]
    [InlineData("127.0.0.1:", "needs a host and a port")]
    [InlineData("127.0.0.1:70000", "port must be a number")]
    [InlineData("127.0.0.1:-1", "port must be a number")]
    [InlineData("::1:9464", "IPv6 address goes in brackets")]
    [InlineData("metrics.example:9464", "is not an IP address")]
    public void A_bad_value_says_what_a_good_one_looks_like(string value, string why)
    {
        var failure = Assert.Throws<ArgumentException>(() => MetricsListenAddress.Parse(value));
        Assert.Contains(why, failure.Message, StringComparison.Ordinal);
        Assert.Contains("e.g. 127.0.0.1:9464", failure.Message, StringComparison.Ordinal);
    }
}
