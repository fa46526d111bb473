namespace Cchc.Grpc.Tests;

/// <summary>The text encodings of the spec: grpc-timeout and percent-encoded grpc-message.</summary>
public sealed class ProtocolTests
{
    [Theory]
    [InlineData("100m", 100 * TimeSpan.TicksPerMillisecond)]
    [InlineData("2S", 2 * TimeSpan.TicksPerSecond)]
    [InlineData("1H", TimeSpan.TicksPerHour)]
    [InlineData("3M", 3 * TimeSpan.TicksPerMinute)]
    [InlineData("500u", 500 * TimeSpan.TicksPerMicrosecond)]
    [InlineData("1000n", 10)]
    [InlineData("99999999S", 99_999_999 * TimeSpan.TicksPerSecond)]
    public void Parses_grpc_timeout(string value, long ticks)
    {
        Assert.True(GrpcProtocol.TryParseTimeout(value, out TimeSpan timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("m")]
    [InlineData("123456789m")]
    [InlineData("-5m")]
    [InlineData("5x")]
    public void Rejects_malformed_grpc_timeout(string value) =>
        Assert.False(GrpcProtocol.TryParseTimeout(value, out _));

    [Fact]
    public void Formats_timeouts_within_8_digits_never_shorter_than_asked()
    {
        Assert.Equal("200000u", GrpcProtocol.FormatTimeout(TimeSpan.FromMilliseconds(200)));
        Assert.Equal("1000000m", GrpcProtocol.FormatTimeout(TimeSpan.FromSeconds(1000)));
        Assert.True(GrpcProtocol.TryParseTimeout(GrpcProtocol.FormatTimeout(TimeSpan.FromDays(400)), out TimeSpan back));
        Assert.True(back >= TimeSpan.FromDays(400));
    }

    [Theory]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("100%", "100%25")]
    [InlineData("Không tìm thấy xã 99999", "Kh%C3%B4ng t%C3%ACm th%E1%BA%A5y x%C3%A3 99999")]
    [InlineData("a\r\nb", "a%0D%0Ab")]
    public void Percent_encodes_status_messages(string message, string wire)
    {
        Assert.Equal(wire, GrpcProtocol.EncodeMessage(message));
        Assert.Equal(message, GrpcProtocol.DecodeMessage(wire));
    }

    [Fact]
    public void Keeps_malformed_percent_sequences_as_they_came() =>
        Assert.Equal("50%zz %", GrpcProtocol.DecodeMessage("50%zz %"));
}
