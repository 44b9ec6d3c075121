using Incidents.Domain.Agreements;
using Incidents.Domain.Common;

namespace Incidents.UnitTests.Domain.Agreements;

public sealed class SuspensionCalendarTests
{
    private static readonly TimeSpan ThirtyDays = TimeSpan.FromDays(30);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void Thirty_days_from_a_gmt_morning_in_march_end_at_the_same_london_time_in_bst_719_real_hours_later()
    {
        var start = Utc(2026, 3, 20, 10); // 10:00 GMT

        var end = SuspensionCalendar.Add(start, ThirtyDays);

        Assert.Equal(Utc(2026, 4, 19, 9), end);
        Assert.Equal(new DateTimeOffset(2026, 4, 19, 10, 0, 0, TimeSpan.FromHours(1)), LondonTime.ToLondon(end));
        Assert.Equal(TimeSpan.FromHours(719), end - start);
    }

    [Fact]
    public void Thirty_days_from_a_bst_morning_in_october_end_at_the_same_london_time_in_gmt_721_real_hours_later()
    {
        var start = Utc(2026, 10, 10, 9); // 10:00 BST

        var end = SuspensionCalendar.Add(start, ThirtyDays);

        Assert.Equal(Utc(2026, 11, 9, 10), end);
        Assert.Equal(new DateTimeOffset(2026, 11, 9, 10, 0, 0, TimeSpan.Zero), LondonTime.ToLondon(end));
        Assert.Equal(TimeSpan.FromHours(721), end - start);
    }

    [Fact]
    public void Thirty_days_from_31_january_2026_end_on_2_march_at_the_same_london_time()
    {
        var end = SuspensionCalendar.Add(Utc(2026, 1, 31, 10), ThirtyDays);

        Assert.Equal(Utc(2026, 3, 2, 10), end);
    }

    [Fact]
    public void Thirty_days_from_29_february_2028_end_on_30_march_at_ten_in_the_morning_bst()
    {
        // BST starts on 26 March 2028, so 10:00 London on 30 March is 09:00 UTC.
        var end = SuspensionCalendar.Add(Utc(2028, 2, 29, 10), ThirtyDays);

        Assert.Equal(Utc(2028, 3, 30, 9), end);
        Assert.Equal(new DateTime(2028, 3, 30, 10, 0, 0), LondonTime.ToLondon(end).DateTime);
    }

    [Fact]
    public void A_day_from_half_past_midnight_on_the_october_change_day_is_half_past_midnight_the_next_day_25_hours_later()
    {
        var start = Utc(2026, 10, 24, 23, 30); // 00:30 BST on Sunday 25 October 2026

        var end = SuspensionCalendar.Add(start, TimeSpan.FromDays(1));

        Assert.Equal(Utc(2026, 10, 26, 0, 30), end); // 00:30 GMT on 26 October
        Assert.Equal(TimeSpan.FromHours(25), end - start);
    }

    [Fact]
    public void Thirty_days_from_half_past_midnight_on_the_october_change_day_end_at_half_past_midnight_gmt()
    {
        var start = Utc(2026, 10, 24, 23, 30); // 00:30 BST on 25 October 2026

        var end = SuspensionCalendar.Add(start, ThirtyDays);

        Assert.Equal(Utc(2026, 11, 24, 0, 30), end);
        Assert.Equal(new DateTime(2026, 11, 24, 0, 30, 0), LondonTime.ToLondon(end).DateTime);
    }

    [Fact]
    public void An_end_that_falls_in_the_skipped_spring_hour_moves_forward_by_the_gap()
    {
        // 01:30 on 29 March 2026 does not exist in London; it is read as 02:30 BST (01:30 UTC).
        var end = SuspensionCalendar.Add(Utc(2026, 2, 28, 1, 30), TimeSpan.FromDays(29));

        Assert.Equal(Utc(2026, 3, 29, 1, 30), end);
    }

    [Fact]
    public void An_end_that_falls_in_the_repeated_autumn_hour_is_its_first_bst_occurrence()
    {
        var end = SuspensionCalendar.Add(Utc(2026, 10, 24, 0, 30), TimeSpan.FromDays(1)); // 01:30 BST on 24 October

        Assert.Equal(Utc(2026, 10, 25, 0, 30), end);
    }

    [Fact]
    public void A_period_of_36_hours_is_exact_elapsed_time_across_the_clock_change()
    {
        var start = Utc(2026, 3, 28, 12);

        var end = SuspensionCalendar.Add(start, TimeSpan.FromHours(36));

        Assert.Equal(Utc(2026, 3, 30, 0), end);
        Assert.Equal(TimeSpan.FromHours(36), end - start);
    }

    [Fact]
    public void A_period_of_three_seconds_is_exact_elapsed_time()
    {
        var start = Utc(2026, 10, 25, 0, 59, 59);

        var end = SuspensionCalendar.Add(start, TimeSpan.FromSeconds(3));

        Assert.Equal(Utc(2026, 10, 25, 1, 0, 2), end);
    }

    [Fact]
    public void A_start_with_a_non_utc_offset_gives_the_same_end_as_the_same_instant_in_utc()
    {
        var inUtc = Utc(2026, 3, 20, 10);
        var inParis = inUtc.ToOffset(TimeSpan.FromHours(1));

        Assert.Equal(SuspensionCalendar.Add(inUtc, ThirtyDays), SuspensionCalendar.Add(inParis, ThirtyDays));
        Assert.Equal(TimeSpan.Zero, SuspensionCalendar.Add(inParis, ThirtyDays).Offset);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-30 * 24 * 60 * 60)]
    public void A_period_of_zero_or_less_is_refused(int seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SuspensionCalendar.Add(Utc(2026, 3, 20, 10), TimeSpan.FromSeconds(seconds)));
    }

    [Fact]
    public void Seven_days_before_ten_in_the_morning_on_19_april_is_ten_in_the_morning_on_12_april()
    {
        var end = Utc(2026, 4, 19, 9); // 10:00 BST

        var reminder = SuspensionCalendar.Before(end, TimeSpan.FromDays(7));

        Assert.Equal(Utc(2026, 4, 12, 9), reminder);
        Assert.Equal(new DateTime(2026, 4, 12, 10, 0, 0), LondonTime.ToLondon(reminder).DateTime);
    }

    [Fact]
    public void Seven_days_before_a_bst_end_just_after_the_spring_change_is_the_same_london_time_in_gmt_167_hours_earlier()
    {
        var end = Utc(2026, 4, 2, 9); // 10:00 BST on 2 April

        var reminder = SuspensionCalendar.Before(end, TimeSpan.FromDays(7));

        Assert.Equal(Utc(2026, 3, 26, 10), reminder); // 10:00 GMT on 26 March
        Assert.Equal(TimeSpan.FromHours(167), end - reminder);
    }

    [Fact]
    public void Before_undoes_add_for_a_whole_number_of_days_across_the_clock_change()
    {
        var start = Utc(2026, 3, 20, 10);

        Assert.Equal(start, SuspensionCalendar.Before(SuspensionCalendar.Add(start, ThirtyDays), ThirtyDays));
    }

    [Fact]
    public void Twelve_hours_before_an_end_is_exact_elapsed_time()
    {
        var end = Utc(2026, 3, 29, 9);

        Assert.Equal(Utc(2026, 3, 28, 21), SuspensionCalendar.Before(end, TimeSpan.FromHours(12)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-86400)]
    public void An_offset_of_zero_or_less_before_the_end_is_refused(int seconds)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SuspensionCalendar.Before(Utc(2026, 4, 19, 9), TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData("2026-08-31", "2026-09-01")]
    [InlineData("2026-09-01", "2027-09-01")]
    [InlineData("2026-11-15", "2027-09-01")]
    [InlineData("2026-01-01", "2026-09-01")]
    [InlineData("2026-12-31", "2027-09-01")]
    public void The_next_review_is_the_next_first_of_september_after_today(string today, string expected)
    {
        var next = SuspensionCalendar.NextReviewDate(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void The_default_period_is_thirty_days()
    {
        Assert.Equal(TimeSpan.FromDays(30), SuspensionCalendar.DefaultPeriod);
    }
}
