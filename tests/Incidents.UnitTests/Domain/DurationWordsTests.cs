using Incidents.Domain.Common;

namespace Incidents.UnitTests.Domain;

public sealed class DurationWordsTests
{
    [Theory]
    [InlineData(0, 0, 0, 0, "less than a minute")]
    [InlineData(0, 0, 0, 59, "less than a minute")]
    [InlineData(0, 0, 1, 0, "1 minute")]
    [InlineData(0, 0, 45, 30, "45 minutes")]
    [InlineData(0, 1, 0, 0, "1 hour")]
    [InlineData(0, 16, 24, 0, "16 hours 24 minutes")]
    [InlineData(0, 16, 24, 59, "16 hours 24 minutes")]
    [InlineData(1, 0, 0, 0, "1 day")]
    [InlineData(1, 1, 0, 0, "1 day 1 hour")]
    [InlineData(2, 7, 0, 0, "2 days 7 hours")]
    [InlineData(2, 7, 59, 0, "2 days 7 hours")]
    [InlineData(3, 0, 0, 0, "3 days")]
    public void A_span_reads_as_its_two_largest_units_rounded_down(int days, int hours, int minutes, int seconds, string expected)
    {
        Assert.Equal(expected, DurationWords.InWords(new TimeSpan(days, hours, minutes, seconds)));
        Assert.Equal(expected, DurationWords.InWords(-new TimeSpan(days, hours, minutes, seconds)));
    }

    [Fact]
    public void Left_and_overdue_read_as_phrases()
    {
        var deadline = new DateTimeOffset(2026, 6, 4, 7, 45, 0, TimeSpan.Zero);

        Assert.Equal("2 days 7 hours left", DurationWords.Until(deadline, deadline - new TimeSpan(2, 7, 10, 0)));
        Assert.Equal("overdue by 16 hours 24 minutes", DurationWords.Until(deadline, deadline + new TimeSpan(16, 24, 0)));
        Assert.Equal("less than a minute left", DurationWords.Until(deadline, deadline));
        Assert.Equal("2 days 7 hours left", DurationWords.Left(new TimeSpan(2, 7, 0, 0)));
        Assert.Equal("overdue by 1 minute", DurationWords.OverdueBy(TimeSpan.FromMinutes(1)));
    }
}
