using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Incidents.Infrastructure.Email;
using Incidents.Infrastructure.Jobs;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Incidents.UnitTests.Infrastructure.Jobs;

/// <summary>Owed notices wake the email dispatcher; no Hangfire job per notice.</summary>
public sealed class DispatcherNotificationSchedulerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Enqueue_wakes_the_dispatcher_at_once()
    {
        var signal = new DispatchSignal(_time);

        new DispatcherNotificationScheduler(signal).Enqueue(Guid.NewGuid());

        Assert.True(await signal.WaitAsync(TimeSpan.FromMinutes(5), CancellationToken.None));
    }

    [Fact]
    public async Task Without_a_wake_up_the_dispatcher_finds_no_work()
    {
        var signal = new DispatchSignal(_time);

        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None));
    }

    [Fact]
    public async Task Schedule_wakes_the_dispatcher_when_the_time_comes_and_not_before()
    {
        var signal = new DispatchSignal(_time);
        var scheduler = new DispatcherNotificationScheduler(signal);

        scheduler.Schedule(Guid.NewGuid(), _time.GetUtcNow().AddSeconds(30));
        // Scheduling signals once, so the loop recomputes its wait; that look finds the time not come.
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(await signal.WaitAsync(TimeSpan.FromMinutes(5), CancellationToken.None));
        Assert.False(await signal.WaitAsync(TimeSpan.FromMilliseconds(1), CancellationToken.None));
    }

    [Fact]
    public async Task The_earliest_of_several_scheduled_times_counts()
    {
        var signal = new DispatchSignal(_time);
        var scheduler = new DispatcherNotificationScheduler(signal);
        scheduler.Schedule(Guid.NewGuid(), _time.GetUtcNow().AddSeconds(60));
        scheduler.Schedule(Guid.NewGuid(), _time.GetUtcNow().AddSeconds(10));
        scheduler.Schedule(Guid.NewGuid(), _time.GetUtcNow().AddSeconds(40));
        await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(11));

        Assert.True(await signal.WaitAsync(TimeSpan.FromMinutes(5), CancellationToken.None));
    }
}

/// <summary>Timers still go through Hangfire.</summary>
public sealed class HangfireTimerSchedulerTests
{
    [Fact]
    public void Schedule_creates_a_scheduled_timer_job_at_the_requested_utc_time()
    {
        var jobs = new Mock<IBackgroundJobClient>();
        var id = Guid.NewGuid();

        new HangfireTimerScheduler(jobs.Object).Schedule(id, new DateTimeOffset(2026, 6, 1, 10, 0, 30, TimeSpan.FromHours(1)));

        jobs.Verify(j => j.Create(
            It.Is<Job>(job => job.Type == typeof(FireTimerJob) && (Guid)job.Args[0] == id),
            It.Is<ScheduledState>(s => s.EnqueueAt == new DateTime(2026, 6, 1, 9, 0, 30, DateTimeKind.Utc))), Times.Once());
    }
}
