using Incidents.Domain.Common;
using Incidents.Domain.Complaints;
using Incidents.Domain.Timers;

namespace Incidents.UnitTests.Domain.Complaints;

/// <summary>The 30-day acknowledgement clock in London calendar days, and its reminders.</summary>
public sealed class ComplaintClockTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Received_on_a_gmt_morning_in_march_it_is_due_at_the_same_london_time_30_days_later_in_bst()
    {
        var received = Utc(2026, 3, 20, 10); // 10:00 GMT

        var due = ComplaintClock.AcknowledgeBy(received);

        Assert.Equal(new DateTimeOffset(2026, 4, 19, 10, 0, 0, TimeSpan.FromHours(1)), LondonTime.ToLondon(due));
        Assert.Equal(TimeSpan.FromHours(719), due - received); // one hour short of 30 × 24: the clocks went forward
    }

    [Fact]
    public void Received_in_bst_in_october_it_is_due_at_the_same_london_time_in_gmt_one_hour_more()
    {
        var received = Utc(2026, 10, 10, 23, 30); // 00:30 BST on 11 October

        var due = ComplaintClock.AcknowledgeBy(received);

        Assert.Equal(new DateTimeOffset(2026, 11, 10, 0, 30, 0, TimeSpan.Zero), LondonTime.ToLondon(due));
        Assert.Equal(TimeSpan.FromHours(721), due - received);
    }

    [Fact]
    public void Reminders_are_at_10_3_and_1_london_days_before_and_at_the_deadline()
    {
        var received = Utc(2026, 3, 1, 9);
        var due = ComplaintClock.AcknowledgeBy(received); // 31 March 10:00 BST

        var timers = ComplaintClock.Reminders(Guid.NewGuid(), due, received, Guid.NewGuid);

        Assert.Equal(["10", "3", "1", "0"], timers.Select(t => t.Argument));
        Assert.All(timers, t => Assert.Equal(TimerKinds.ComplaintAcknowledgement, t.Kind));
        // 10 days before 10:00 BST on 31 March is 09:00 GMT on 21 March (the same London wall-clock time).
        Assert.Equal(Utc(2026, 3, 21, 9), timers[0].DueAt);
        Assert.Equal(Utc(2026, 3, 28, 9), timers[1].DueAt);
        Assert.Equal(Utc(2026, 3, 30, 8), timers[2].DueAt);
        Assert.Equal(due, timers[3].DueAt);
        Assert.Equal([10, 3, 1, 0], timers.Select(ComplaintClock.DaysLeftOf));
    }

    [Fact]
    public void A_complaint_logged_late_skips_the_reminders_already_past_but_keeps_the_overdue_one()
    {
        var received = Utc(2026, 1, 1, 12);
        var due = ComplaintClock.AcknowledgeBy(received);

        var lateButBefore = ComplaintClock.Reminders(Guid.NewGuid(), due, due - TimeSpan.FromDays(2), Guid.NewGuid);
        var afterDeadline = ComplaintClock.Reminders(Guid.NewGuid(), due, due + TimeSpan.FromDays(2), Guid.NewGuid);

        Assert.Equal(["1", "0"], lateButBefore.Select(t => t.Argument));
        Assert.Equal(["0"], afterDeadline.Select(t => t.Argument));
    }
}
