using Incidents.Application.Features.Agreements;
using Incidents.Domain.Agreements;
using Incidents.Domain.Notifications;
using Incidents.Domain.Timers;
using Incidents.UnitTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Incidents.UnitTests.Application.Timers;

/// <summary>The annual review is a calendar clock: the planner gives each agreement one timer per review date, due at
/// the start of the London day 30 days before 1 September; its handler reminds SIL once.</summary>
public sealed class ReviewTimerTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private Task<IReadOnlyList<DurableTimer>> PlanAsync(DateTimeOffset now) =>
        new ReviewTimerPlanner(_database.Db, NullLogger<ReviewTimerPlanner>.Instance).PlanAsync(now, CancellationToken.None);

    private List<DurableTimer> Timers()
    {
        using var context = _database.NewContext();
        return context.Timers.AsNoTracking().Where(t => t.Kind == TimerKinds.AgreementReview).ToList();
    }

    [Fact]
    public void The_reminder_is_due_at_midnight_london_time_on_2_august()
    {
        Assert.Equal(new DateTimeOffset(2027, 8, 1, 23, 0, 0, TimeSpan.Zero), ReviewReminder.DueAt(new DateOnly(2027, 9, 1)));
    }

    [Fact]
    public async Task Each_agreement_gets_one_timer_for_its_next_review_however_often_the_planner_runs()
    {
        var now = new DateTimeOffset(2027, 3, 10, 12, 0, 0, TimeSpan.Zero);

        var planned = await PlanAsync(now);
        await PlanAsync(now.AddMinutes(1));

        var timer = Assert.Single(Timers());
        Assert.Equal(planned.Single().Id, timer.Id);
        Assert.Equal(_database.AgreementWithSchoolA.Id, timer.SubjectId);
        Assert.Equal(new DateOnly(2027, 9, 1), ReviewReminder.ReviewDateOf(timer));
        Assert.Equal(ReviewReminder.KeyFor(_database.AgreementWithSchoolA.Id, new DateOnly(2027, 9, 1)), timer.DedupKey);
    }

    [Fact]
    public async Task Once_this_years_reminder_has_fired_next_years_is_planned()
    {
        var now = new DateTimeOffset(2027, 8, 5, 9, 0, 0, TimeSpan.Zero);
        await PlanAsync(now);
        _database.Db.Timers.ExecuteUpdate(s => s.SetProperty(t => t.Status, TimerStatus.Fired));

        await PlanAsync(now.AddMinutes(1));

        Assert.Equal([new DateOnly(2027, 9, 1), new DateOnly(2028, 9, 1)], Timers().Select(ReviewReminder.ReviewDateOf).Order());
    }

    [Fact]
    public async Task The_handler_reminds_sils_officers_and_dpo_once_each_within_the_30_days()
    {
        var timer = ReviewReminder.For(_database.AgreementWithSchoolA.Id, new DateOnly(2027, 9, 1), Guid.NewGuid());

        var outcome = await new ReviewReminderTimerHandler(_database.Db).FireAsync(timer, new DateTimeOffset(2027, 8, 5, 9, 0, 0, TimeSpan.Zero), CancellationToken.None);
        await _database.Db.SaveChangesAsync();

        Assert.True(outcome.Fired);
        using var context = _database.NewContext();
        var notices = context.Notifications.AsNoTracking().Where(n => n.Type == NotificationType.AgreementReviewDue).ToList();
        Assert.Equal([TestDatabase.SilDpoEmail, TestDatabase.SilOfficerEmail], notices.Select(n => n.RecipientEmail).Order());
        Assert.Equal(notices.Select(n => n.Id).Order(), outcome.NotificationIds.Order());
    }

    [Fact]
    public async Task A_reminder_found_after_the_review_date_is_moot()
    {
        var timer = ReviewReminder.For(_database.AgreementWithSchoolA.Id, new DateOnly(2027, 9, 1), Guid.NewGuid());

        var outcome = await new ReviewReminderTimerHandler(_database.Db).FireAsync(timer, new DateTimeOffset(2027, 9, 2, 9, 0, 0, TimeSpan.Zero), CancellationToken.None);

        Assert.False(outcome.Fired);
        Assert.Empty(outcome.NotificationIds);
    }
}
