using Incidents.Domain.Discrepancies;

namespace Incidents.UnitTests.Domain.Discrepancies;

/// <summary>London working days: Monday to Friday without England and Wales bank holidays (the standing rules).</summary>
public sealed class WorkingDaysTests
{
    [Fact]
    public void Ten_working_days_from_a_monday_is_the_monday_two_weeks_on()
    {
        Assert.Equal(new DateOnly(2026, 12, 14), WorkingDays.Add(new DateOnly(2026, 11, 30), 10));
    }

    [Fact]
    public void A_weekend_start_counts_from_the_monday()
    {
        Assert.Equal(new DateOnly(2026, 12, 7), WorkingDays.Add(new DateOnly(2026, 12, 5), 1));
        Assert.Equal(new DateOnly(2026, 12, 7), WorkingDays.Add(new DateOnly(2026, 12, 6), 1));
    }

    [Fact]
    public void Christmas_and_the_substitute_boxing_day_are_skipped()
    {
        // 2026: Christmas is a Friday, Boxing Day a Saturday, so Monday 28 December is the bank holiday.
        Assert.Equal(new DateOnly(2026, 12, 30), WorkingDays.Add(new DateOnly(2026, 12, 14), 10));
        Assert.False(WorkingDays.IsWorkingDay(new DateOnly(2026, 12, 28)));
        Assert.True(WorkingDays.IsWorkingDay(new DateOnly(2026, 12, 29)));
    }

    [Theory]
    [InlineData(2026, "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28")]
    [InlineData(2027, "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28")]
    [InlineData(2022, "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-05-30", "2022-08-29", "2022-12-27", "2022-12-26")]
    public void The_bank_holidays_of_england_and_wales_follow_the_standing_rules(int year, params string[] expected)
    {
        // 2022: the spring holiday was moved to 2 June by proclamation (with 3 June added); one-offs are not known.
        Assert.Equal(expected.Select(DateOnly.Parse).Order(), WorkingDays.BankHolidays(year).Order());
    }

    [Fact]
    public void Easter_is_computed()
    {
        Assert.Equal(new DateOnly(2026, 4, 5), WorkingDays.EasterSunday(2026));
        Assert.Equal(new DateOnly(2027, 3, 28), WorkingDays.EasterSunday(2027));
        Assert.Equal(new DateOnly(2024, 3, 31), WorkingDays.EasterSunday(2024));
    }

    [Fact]
    public void Easter_weekend_is_skipped()
    {
        // Thursday 2 April 2026 + 1 working day: Good Friday and Easter Monday are holidays, so Tuesday 7 April.
        Assert.Equal(new DateOnly(2026, 4, 7), WorkingDays.Add(new DateOnly(2026, 4, 2), 1));
    }

    [Fact]
    public void The_working_day_before_and_after_step_over_weekends_and_holidays()
    {
        Assert.Equal(new DateOnly(2026, 12, 24), WorkingDays.Before(new DateOnly(2026, 12, 29)));
        Assert.Equal(new DateOnly(2026, 12, 29), WorkingDays.After(new DateOnly(2026, 12, 24)));
    }

    [Fact]
    public void A_discrepancy_is_due_at_the_end_of_its_last_working_day_in_london()
    {
        // Raised at 23:30 UTC on Sunday 29 March 2026 = 00:30 BST Monday 30 March: the London date counts.
        var raised = new DateTimeOffset(2026, 3, 29, 23, 30, 0, TimeSpan.Zero);
        var due = Discrepancy.DueDateFor(raised, 10);

        Assert.Equal(new DateOnly(2026, 4, 15), due); // 31 Mar … 2 Apr (3), 7–10 Apr (7; 3 and 6 April are holidays), 13–15 Apr (10)
        Assert.Equal(new DateTimeOffset(2026, 4, 15, 23, 0, 0, TimeSpan.Zero), Discrepancy.EndOf(due)); // midnight BST
    }
}
