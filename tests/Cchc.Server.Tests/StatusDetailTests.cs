using System.Text;
using Cchc.Server.Services;

namespace Cchc.Server.Tests;

/// <summary>Status messages are kept within what a client accepts in a trailer, once percent-encoded as gRPC sends them.</summary>
public sealed class StatusDetailTests
{
    [Theory]
    [InlineData("")]
    [InlineData("Xã 98999 không có trong danh mục")]
    public void A_message_that_fits_is_kept_as_it_is(string detail) => Assert.Same(detail, StatusDetail.Bounded(detail));

    [Theory]
    [InlineData("x", 1)]
    [InlineData("%", 3)]
    [InlineData("\n", 3)]
    [InlineData("Đ", 6)]
    [InlineData("ệ", 9)]
    [InlineData("😀", 12)]
    public void A_long_message_is_cut_where_its_encoded_form_reaches_the_limit(string unit, int encodedBytes)
    {
        var detail = string.Concat(Enumerable.Repeat(unit, 2 * StatusDetail.MaxEncodedBytes));

        var bounded = StatusDetail.Bounded(detail);

        // The mark is two spaces, "(message shortened)" and '…' (three UTF-8 bytes, nine encoded).
        const int markBytes = 2 + 19 + 9;
        var kept = bounded[..^StatusDetail.ShortenedMark.Length];
        Assert.EndsWith(StatusDetail.ShortenedMark, bounded, StringComparison.Ordinal);
        Assert.Equal(0, kept.Length % unit.Length);
        Assert.Equal((StatusDetail.MaxEncodedBytes - markBytes) / encodedBytes, kept.Length / unit.Length);
        Assert.StartsWith(kept, detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_counts_as_the_replacement_character_it_is_sent_as()
    {
        var detail = new string('\uD800', StatusDetail.MaxEncodedBytes);

        var bounded = StatusDetail.Bounded(detail);

        Assert.Equal((StatusDetail.MaxEncodedBytes - 30) / 9, bounded.Length - StatusDetail.ShortenedMark.Length);
        Assert.True(Encoding.UTF8.GetByteCount(bounded) < StatusDetail.MaxEncodedBytes);
    }
}
