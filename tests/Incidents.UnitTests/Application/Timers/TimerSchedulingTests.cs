using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Incidents.Application.Common.Timers;
using Incidents.Application.Features.Timers;
using Incidents.Domain.Timers;
using Incidents.Infrastructure.Jobs;
using Incidents.UnitTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Incidents.UnitTests.Application.Timers;

/// <summary>What reaches Hangfire: one job type for every kind, ids only, and only for timers due now or soon; the
/// every-minute reconciler re-asks for every due, unfired timer and schedules those coming within the horizon.</summary>
public sealed class TimerSchedulingTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 10, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly TimerSettings _settings = new() { Horizon = TimeSpan.FromMinutes(2) };
    private readonly Mock<IBackgroundJobClient> _jobs = new();

    public void Dispose() => _database.Dispose();

    private HangfireTimerScheduler Scheduler() => new(_jobs.Object);

    private static bool IsFireJobFor(Job job, Guid id) =>
        job.Type == typeof(FireTimerJob)
        && job.Method.Name == nameof(FireTimerJob.RunAsync)
        && job.Args.Count == 2
        && (Guid)job.Args[0] == id;

    private DurableTimer Add(string kind, DateTimeOffset dueAt, TimerStatus status = TimerStatus.Pending)
    {
        var timer = new DurableTimer(Guid.NewGuid(), kind, Guid.NewGuid(), dueAt, "Hours48");
        _database.Db.Timers.Add(timer);
        _database.Db.SaveChanges();
        _database.Db.ChangeTracker.Clear();
        _database.Db.Timers.Where(t => t.Id == timer.Id).ExecuteUpdate(s => s.SetProperty(t => t.Status, status));
        return timer;
    }

    private Task<int> ReconcileAsync(DateTimeOffset dueBefore) =>
        new TimerReconciler(_database.Db, [], Scheduler(), _settings, _time, NullLogger<TimerReconciler>.Instance).ReconcileAsync(dueBefore, CancellationToken.None);

    [Fact]
    public async Task The_reconciler_enqueues_every_due_unfired_timer_of_every_kind()
    {
        var ico = Add(TimerKinds.IcoReminder, Now.AddHours(-3));
        var reinstatement = Add(TimerKinds.SuspensionReinstatement, Now.AddDays(-2));
        var fired = Add(TimerKinds.SuspensionReminder, Now.AddHours(-1), TimerStatus.Fired);
        var cancelled = Add(TimerKinds.IcoReminder, Now.AddHours(-1), TimerStatus.Cancelled);

        Assert.Equal(2, await ReconcileAsync(dueBefore: Now));

        _jobs.Verify(j => j.Create(It.Is<Job>(job => IsFireJobFor(job, ico.Id)), It.IsAny<EnqueuedState>()), Times.Once());
        _jobs.Verify(j => j.Create(It.Is<Job>(job => IsFireJobFor(job, reinstatement.Id)), It.IsAny<EnqueuedState>()), Times.Once());
        _jobs.Verify(j => j.Create(It.Is<Job>(job => IsFireJobFor(job, fired.Id) || IsFireJobFor(job, cancelled.Id)), It.IsAny<IState>()), Times.Never());
    }

    [Fact]
    public async Task The_reconciler_schedules_timers_due_within_the_horizon_at_their_time_and_leaves_later_ones_in_the_table()
    {
        var soon = Add(TimerKinds.SuspensionReinstatement, Now.AddSeconds(90));
        var later = Add(TimerKinds.SuspensionReinstatement, Now.AddDays(30));

        await ReconcileAsync(dueBefore: Now.AddSeconds(-30));

        _jobs.Verify(j => j.Create(
            It.Is<Job>(job => IsFireJobFor(job, soon.Id)),
            It.Is<ScheduledState>(s => s.EnqueueAt == Now.AddSeconds(90).UtcDateTime)), Times.Once());
        _jobs.Verify(j => j.Create(It.Is<Job>(job => IsFireJobFor(job, later.Id)), It.IsAny<IState>()), Times.Never());

        // A minute before it is due, a later run hands it over.
        _time.SetUtcNow(later.DueAt.AddMinutes(-1));
        await ReconcileAsync(dueBefore: _time.GetUtcNow().AddSeconds(-30));
        _jobs.Verify(j => j.Create(
            It.Is<Job>(job => IsFireJobFor(job, later.Id)),
            It.Is<ScheduledState>(s => s.EnqueueAt == later.DueAt.UtcDateTime)), Times.Once());
    }

    [Fact]
    public async Task A_periodic_run_leaves_a_timer_due_within_the_grace_to_its_own_job()
    {
        var justDue = Add(TimerKinds.IcoReminder, Now.AddSeconds(-10));

        Assert.Equal(0, await ReconcileAsync(dueBefore: Now.AddSeconds(-30)));

        _jobs.Verify(j => j.Create(It.Is<Job>(job => IsFireJobFor(job, justDue.Id)), It.IsAny<IState>()), Times.Never());
    }

    [Fact]
    public void After_commit_only_timers_due_soon_reach_hangfire_never_one_days_ahead()
    {
        var requests = new TimerRequests(Scheduler(), _settings, _time, NullLogger<TimerRequests>.Instance);
        var overdue = new DurableTimer(Guid.NewGuid(), TimerKinds.IcoReminder, Guid.NewGuid(), Now.AddHours(-2), "Hours48");
        var soon = new DurableTimer(Guid.NewGuid(), TimerKinds.SuspensionReminder, Guid.NewGuid(), Now.AddMinutes(1));
        var inThirtyDays = new DurableTimer(Guid.NewGuid(), TimerKinds.SuspensionReinstatement, Guid.NewGuid(), Now.AddDays(30));

        requests.AfterCommit([overdue, soon, inThirtyDays]);

        _jobs.Verify(j => j.Create(It.Is<Job>(job => IsFireJobFor(job, overdue.Id)), It.IsAny<EnqueuedState>()), Times.Once());
        _jobs.Verify(j => j.Create(It.Is<Job>(job => IsFireJobFor(job, soon.Id)), It.Is<ScheduledState>(s => s.EnqueueAt == Now.AddMinutes(1).UtcDateTime)), Times.Once());
        _jobs.Verify(j => j.Create(It.Is<Job>(job => IsFireJobFor(job, inThirtyDays.Id)), It.IsAny<IState>()), Times.Never());
    }

    [Fact]
    public void A_job_runner_that_refuses_does_not_fail_the_change_the_reconciler_asks_again()
    {
        _jobs.Setup(j => j.Create(It.IsAny<Job>(), It.IsAny<IState>())).Throws(new InvalidOperationException("storage down"));
        var requests = new TimerRequests(Scheduler(), _settings, _time, NullLogger<TimerRequests>.Instance);

        requests.AfterCommit([new DurableTimer(Guid.NewGuid(), TimerKinds.IcoReminder, Guid.NewGuid(), Now, "Overdue")]);

        _jobs.Verify(j => j.Create(It.IsAny<Job>(), It.IsAny<IState>()), Times.Once());
    }
}
