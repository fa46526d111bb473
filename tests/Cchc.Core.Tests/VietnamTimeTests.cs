using Cchc.Core.Deadlines;

namespace Cchc.Core.Tests;

public sealed class VietnamTimeTests
{
    [Theory]
    [InlineData("2023-10-31T23:59:59+07:00", "2023-10-31T23:59:59+07:00")]
    [InlineData("2023-10-31T16:59:59Z", "2023-10-31T23:59:59+07:00")]
    [InlineData("2023-10-31t16:59:59z", "2023-10-31T23:59:59+07:00")]
    [InlineData("2023-10-31T18:59:59+02:00", "2023-10-31T23:59:59+07:00")]
    [InlineData("2023-10-31T23:59:59.5+07:00", "2023-10-31T23:59:59.5+07:00")]
    public void RFC_3339_times_with_an_offset_are_read_and_written_back_in_Vietnam_time(string text, string vietnam)
    {
        Assert.True(VietnamTime.TryParse(text, out var instant));
        Assert.Equal(vietnam, VietnamTime.ToRfc3339(instant));
    }

    [Theory]
    [InlineData("2023-10-31T23:59:59")]
    [InlineData("2023-10-31")]
    [InlineData("31/10/2023")]
    [InlineData("")]
    [InlineData("2023-02-30T00:00:00+07:00")]
    public void Times_without_an_offset_or_not_RFC_3339_are_refused(string text) =>
        Assert.False(VietnamTime.TryParse(text, out _));

    [Fact]
    public void A_close_at_midnight_reads_as_24_00_of_the_day_that_ends()
    {
        // 2023-10-31T17:00Z is midnight of 1 November in Hà Nội: the end of 31 October.
        var midnight = new DateTimeOffset(2023, 10, 31, 17, 0, 0, TimeSpan.Zero);
        Assert.Equal("31/10/2023 24:00", VietnamTime.Closing(midnight));
        Assert.Equal("01/11/2023 00:00", VietnamTime.Opening(midnight));
        Assert.Equal("31/10/2023 23:59", VietnamTime.Closing(new DateTimeOffset(2023, 10, 31, 23, 59, 59, TimeSpan.FromHours(7))));
        Assert.Equal(new DateTimeOffset(2023, 10, 1, 0, 0, 0, TimeSpan.FromHours(7)), VietnamTime.StartOfDay(new DateOnly(2023, 10, 1)));
    }
}
