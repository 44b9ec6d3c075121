using Incidents.Domain.Common;

namespace Incidents.UnitTests.Domain;

public sealed class LondonTimeTests
{
    [Fact]
    public void A_winter_wall_clock_time_is_utc()
    {
        var instant = LondonTime.FromLondonWallClock(new DateTime(2026, 1, 15, 9, 30, 0));

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero), instant);
    }

    [Fact]
    public void A_summer_wall_clock_time_is_one_hour_ahead_of_utc()
    {
        var instant = LondonTime.FromLondonWallClock(new DateTime(2026, 7, 15, 9, 30, 0));

        Assert.Equal(new DateTimeOffset(2026, 7, 15, 8, 30, 0, TimeSpan.Zero), instant);
    }

    [Fact]
    public void A_time_in_the_skipped_hour_moves_forward_by_the_gap()
    {
        // 01:30 on 29 March 2026 does not exist in London: 01:00 GMT jumps to 02:00 BST. It is read as 02:30 BST.
        var instant = LondonTime.FromLondonWallClock(new DateTime(2026, 3, 29, 1, 30, 0));

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), instant);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 2, 30, 0, TimeSpan.FromHours(1)), LondonTime.ToLondon(instant));
    }

    [Fact]
    public void A_time_in_the_repeated_hour_is_the_first_bst_occurrence()
    {
        // 01:30 on 25 October 2026 happens twice: 00:30 UTC (BST) and 01:30 UTC (GMT). The first is chosen.
        var instant = LondonTime.FromLondonWallClock(new DateTime(2026, 10, 25, 1, 30, 0));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), instant);
    }

    [Fact]
    public void The_kind_of_the_wall_clock_value_is_ignored()
    {
        var utcKind = LondonTime.FromLondonWallClock(new DateTime(2026, 7, 15, 9, 30, 0, DateTimeKind.Utc));

        Assert.Equal(new DateTimeOffset(2026, 7, 15, 8, 30, 0, TimeSpan.Zero), utcKind);
    }

    [Fact]
    public void A_winter_instant_is_formatted_as_gmt()
    {
        var text = LondonTime.Format(new DateTimeOffset(2026, 1, 15, 9, 30, 0, TimeSpan.Zero));

        Assert.Equal("Thursday 15 January 2026, 09:30 GMT", text);
    }

    [Fact]
    public void A_summer_instant_is_formatted_in_bst()
    {
        var text = LondonTime.Format(new DateTimeOffset(2026, 7, 15, 9, 30, 0, TimeSpan.Zero));

        Assert.Equal("Wednesday 15 July 2026, 10:30 BST", text);
    }

    [Fact]
    public void The_two_halves_of_the_repeated_hour_are_told_apart_by_their_suffix()
    {
        var first = LondonTime.Format(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero));
        var second = LondonTime.Format(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero));

        Assert.Equal("Sunday 25 October 2026, 01:30 BST", first);
        Assert.Equal("Sunday 25 October 2026, 01:30 GMT", second);
    }
}
