using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Incidents.Domain.Timers;

namespace Incidents.UnitTests.Domain;

public sealed class IcoReminderTests
{
    private static readonly Guid IncidentId = Guid.NewGuid();
    private static readonly DateTimeOffset Deadline = new(2026, 6, 13, 9, 0, 0, TimeSpan.Zero);

    private static List<DurableTimer> For(DateTimeOffset deadline, DateTimeOffset now) =>
        IcoReminder.For(IncidentId, deadline, now, Guid.NewGuid).ToList();

    [Fact]
    public void A_clock_set_well_before_the_deadline_gets_all_four_reminders()
    {
        var reminders = For(Deadline, Deadline.AddHours(-72));

        Assert.Equal([ReminderStage.Hours48, ReminderStage.Hours24, ReminderStage.Hours6, ReminderStage.Overdue], reminders.Select(IcoReminder.StageOf));
        Assert.Equal(
            [Deadline.AddHours(-48), Deadline.AddHours(-24), Deadline.AddHours(-6), Deadline],
            reminders.Select(r => r.DueAt));
        Assert.All(reminders, r =>
        {
            Assert.Equal(IncidentId, r.SubjectId);
            Assert.Equal(TimerStatus.Pending, r.Status);
            Assert.Null(r.FiredAt);
        });
        Assert.Equal(4, reminders.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void A_clock_set_30_hours_before_the_deadline_sends_the_48_hour_reminder_at_once()
    {
        var now = Deadline.AddHours(-30);

        var reminders = For(Deadline, now);

        Assert.Equal([ReminderStage.Hours48, ReminderStage.Hours24, ReminderStage.Hours6, ReminderStage.Overdue], reminders.Select(IcoReminder.StageOf));
        var hours48 = reminders[0];
        Assert.Equal(Deadline.AddHours(-48), hours48.DueAt);
        Assert.True(hours48.DueAt <= now, "The 48-hour reminder is already due, so it fires at once.");
        Assert.All(reminders.Skip(1), r => Assert.True(r.DueAt > now));
    }

    [Fact]
    public void A_clock_set_10_hours_before_the_deadline_skips_the_48_hour_reminder_and_sends_the_24_hour_one_at_once()
    {
        var now = Deadline.AddHours(-10);

        var reminders = For(Deadline, now);

        Assert.Equal([ReminderStage.Hours24, ReminderStage.Hours6, ReminderStage.Overdue], reminders.Select(IcoReminder.StageOf));
        Assert.DoesNotContain(reminders, r => IcoReminder.StageOf(r) == ReminderStage.Hours48);
        Assert.Equal(Deadline.AddHours(-24), reminders[0].DueAt);
        Assert.True(reminders[0].DueAt <= now);
        Assert.Equal(Deadline.AddHours(-6), reminders[1].DueAt);
        Assert.Equal(Deadline, reminders[2].DueAt);
    }

    [Fact]
    public void A_clock_set_exactly_at_a_stage_counts_that_stage_as_past_and_keeps_it()
    {
        var reminders = For(Deadline, Deadline.AddHours(-24));

        Assert.Equal([ReminderStage.Hours24, ReminderStage.Hours6, ReminderStage.Overdue], reminders.Select(IcoReminder.StageOf));
    }

    [Fact]
    public void A_clock_set_after_the_deadline_gets_only_the_overdue_reminder()
    {
        var reminders = For(Deadline, Deadline.AddHours(5));

        var only = Assert.Single(reminders);
        Assert.Equal(ReminderStage.Overdue, IcoReminder.StageOf(only));
        Assert.Equal(Deadline, only.DueAt);
    }

    [Fact]
    public void Reminders_across_the_march_clock_change_are_exact_real_hours_before_the_deadline_in_utc()
    {
        // The clocks go forward at 01:00 UTC on Sunday 29 March 2026, between awareness and the deadline.
        var aware = new DateTimeOffset(2026, 3, 27, 12, 0, 0, TimeSpan.Zero);
        var deadline = IcoClock.DeadlineFrom(aware);
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 12, 0, 0, TimeSpan.Zero), deadline);

        var reminders = For(deadline, aware);

        Assert.Equal(
            [
                new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 30, 6, 0, 0, TimeSpan.Zero),
                new DateTimeOffset(2026, 3, 30, 12, 0, 0, TimeSpan.Zero),
            ],
            reminders.Select(r => r.DueAt));
        Assert.All(reminders, r =>
        {
            Assert.Equal(TimeSpan.Zero, r.DueAt.Offset);
            Assert.Equal(IcoReminder.LeftAt(IcoReminder.StageOf(r)), deadline - r.DueAt);
        });
        // On the London wall clock the 24-hour reminder is 13:00 BST, an hour later than the 48-hour one's 12:00 GMT.
        Assert.Equal(12, LondonTime.ToLondon(reminders[0].DueAt).Hour);
        Assert.Equal(13, LondonTime.ToLondon(reminders[1].DueAt).Hour);
    }

    [Fact]
    public void A_deadline_given_with_an_offset_gives_due_times_in_utc()
    {
        var deadlineInBst = new DateTimeOffset(2026, 6, 13, 10, 0, 0, TimeSpan.FromHours(1));

        var reminders = For(deadlineInBst, deadlineInBst.AddHours(-72));

        Assert.All(reminders, r => Assert.Equal(TimeSpan.Zero, r.DueAt.Offset));
        Assert.Equal(Deadline, reminders[^1].DueAt);
    }
}
