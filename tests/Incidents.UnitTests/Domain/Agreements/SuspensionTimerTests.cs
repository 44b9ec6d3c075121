using Incidents.Domain.Agreements;
using Incidents.Domain.Timers;

namespace Incidents.UnitTests.Domain.Agreements;

public sealed class SuspensionTimerTests
{
    private static readonly DateTimeOffset StartsAt = new(2026, 3, 20, 10, 0, 0, TimeSpan.Zero); // 10:00 GMT
    private static readonly DateTimeOffset EndsAt = new(2026, 4, 19, 9, 0, 0, TimeSpan.Zero); // 10:00 BST

    private static readonly TimeSpan[] DefaultOffsets = [TimeSpan.FromDays(7), TimeSpan.FromDays(1)];

    private static Suspension ASuspension(DateTimeOffset? startsAt = null, DateTimeOffset? endsAt = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "user-1", "Dana Protection", "Serious breach", "Evidence",
            [Guid.NewGuid()], startsAt ?? StartsAt, endsAt ?? EndsAt, null);

    [Fact]
    public void A_thirty_day_suspension_gets_reminders_seven_days_and_one_day_before_the_end_and_a_reinstatement_at_the_end()
    {
        var suspension = ASuspension();

        var timers = SuspensionTimer.For(suspension, DefaultOffsets, StartsAt, Guid.NewGuid);

        Assert.Equal(
            [TimerKinds.SuspensionReminder, TimerKinds.SuspensionReminder, TimerKinds.SuspensionReinstatement],
            timers.Select(t => t.Kind));
        Assert.Equal(
            [new DateTimeOffset(2026, 4, 12, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 18, 9, 0, 0, TimeSpan.Zero), EndsAt],
            timers.Select(t => t.DueAt));
        Assert.Equal([TimeSpan.FromDays(7), TimeSpan.FromDays(1), (TimeSpan?)null], timers.Select(SuspensionTimer.BeforeEndOf));
        Assert.All(timers, t =>
        {
            Assert.Equal(suspension.Id, t.SubjectId);
            Assert.Equal(TimerStatus.Pending, t.Status);
            Assert.Null(t.FiredAt);
        });
        Assert.Equal(3, timers.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void A_reminder_across_the_clock_change_is_due_at_the_same_london_time_not_a_fixed_number_of_hours_before()
    {
        var endsAt = new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.Zero); // 10:00 BST on 2 April
        var suspension = ASuspension(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero), endsAt);

        var timers = SuspensionTimer.For(suspension, [TimeSpan.FromDays(7)], suspension.StartsAt, Guid.NewGuid);

        var reminder = Assert.Single(timers, t => t.Kind == TimerKinds.SuspensionReminder);
        Assert.Equal(new DateTimeOffset(2026, 3, 26, 10, 0, 0, TimeSpan.Zero), reminder.DueAt); // 10:00 GMT on 26 March
    }

    [Fact]
    public void A_reminder_already_past_is_not_planned_but_the_later_one_and_the_reinstatement_are()
    {
        var now = new DateTimeOffset(2026, 4, 15, 12, 0, 0, TimeSpan.Zero);

        var timers = SuspensionTimer.For(ASuspension(), DefaultOffsets, now, Guid.NewGuid);

        Assert.Equal(2, timers.Count);
        Assert.Equal(TimerKinds.SuspensionReminder, timers[0].Kind);
        Assert.Equal(TimeSpan.FromDays(1), SuspensionTimer.BeforeEndOf(timers[0]));
        Assert.Equal(TimerKinds.SuspensionReinstatement, timers[1].Kind);
        Assert.All(timers, t => Assert.True(t.DueAt > now));
    }

    [Fact]
    public void When_every_reminder_is_past_only_the_reinstatement_is_planned()
    {
        var now = EndsAt.AddHours(-1);

        var timers = SuspensionTimer.For(ASuspension(), DefaultOffsets, now, Guid.NewGuid);

        var only = Assert.Single(timers);
        Assert.Equal(TimerKinds.SuspensionReinstatement, only.Kind);
        Assert.Equal(EndsAt, only.DueAt);
        Assert.Null(SuspensionTimer.BeforeEndOf(only));
    }

    [Fact]
    public void Duplicate_zero_and_negative_offsets_are_ignored()
    {
        TimeSpan[] offsets = [TimeSpan.FromDays(7), TimeSpan.Zero, TimeSpan.FromDays(1), TimeSpan.FromDays(7), TimeSpan.FromDays(-2), TimeSpan.FromDays(1)];

        var timers = SuspensionTimer.For(ASuspension(), offsets, StartsAt, Guid.NewGuid);

        Assert.Equal([TimeSpan.FromDays(7), TimeSpan.FromDays(1), (TimeSpan?)null], timers.Select(SuspensionTimer.BeforeEndOf));
    }

    [Fact]
    public void No_offsets_give_only_the_reinstatement()
    {
        var timers = SuspensionTimer.For(ASuspension(), [], StartsAt, Guid.NewGuid);

        Assert.Equal(TimerKinds.SuspensionReinstatement, Assert.Single(timers).Kind);
    }

    [Fact]
    public void Reminders_come_in_due_order_whatever_order_the_offsets_are_given_in()
    {
        TimeSpan[] offsets = [TimeSpan.FromHours(6), TimeSpan.FromDays(1), TimeSpan.FromDays(14), TimeSpan.FromDays(7)];

        var timers = SuspensionTimer.For(ASuspension(), offsets, StartsAt, Guid.NewGuid);

        Assert.Equal(5, timers.Count);
        Assert.Equal(timers.Select(t => t.DueAt).Order(), timers.Select(t => t.DueAt));
        Assert.Equal(TimerKinds.SuspensionReinstatement, timers[^1].Kind);
        Assert.Equal(EndsAt.AddHours(-6), timers[3].DueAt);
    }

    [Fact]
    public void Each_timer_takes_its_id_from_the_supplied_generator()
    {
        var ids = new Queue<Guid>([Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()]);
        var expected = ids.ToArray();

        var timers = SuspensionTimer.For(ASuspension(), DefaultOffsets, StartsAt, ids.Dequeue);

        Assert.Equal(expected, timers.Select(t => t.Id));
    }

    [Fact]
    public void A_missing_suspension_or_id_generator_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => SuspensionTimer.For(null!, DefaultOffsets, StartsAt, Guid.NewGuid));
        Assert.Throws<ArgumentNullException>(() => SuspensionTimer.For(ASuspension(), DefaultOffsets, StartsAt, null!));
    }
}
