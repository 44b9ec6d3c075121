using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Incidents.Infrastructure.Jobs;
using Moq;

namespace Incidents.UnitTests.Infrastructure.Jobs;

public sealed class HangfireNotificationSchedulerTests
{
    private readonly Mock<IBackgroundJobClient> _jobs = new();

    private static bool IsSendJobFor(Job job, Guid id) =>
        job.Type == typeof(SendNotificationJob)
        && job.Method.Name == nameof(SendNotificationJob.RunAsync)
        && job.Args.Count == 2
        && (Guid)job.Args[0] == id;

    [Fact]
    public void Enqueue_creates_an_enqueued_send_job_carrying_only_the_id()
    {
        var id = Guid.NewGuid();

        new HangfireNotificationScheduler(_jobs.Object).Enqueue(id);

        _jobs.Verify(j => j.Create(It.Is<Job>(job => IsSendJobFor(job, id)), It.IsAny<EnqueuedState>()), Times.Once());
        _jobs.Verify(j => j.Create(It.IsAny<Job>(), It.IsAny<ScheduledState>()), Times.Never());
    }

    [Fact]
    public void Schedule_creates_a_scheduled_send_job_at_the_requested_utc_time()
    {
        var id = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 6, 1, 10, 0, 30, TimeSpan.FromHours(1));

        new HangfireNotificationScheduler(_jobs.Object).Schedule(id, at);

        _jobs.Verify(j => j.Create(
            It.Is<Job>(job => IsSendJobFor(job, id)),
            It.Is<ScheduledState>(s => s.EnqueueAt == new DateTime(2026, 6, 1, 9, 0, 30, DateTimeKind.Utc))), Times.Once());
        _jobs.Verify(j => j.Create(It.IsAny<Job>(), It.IsAny<EnqueuedState>()), Times.Never());
    }
}
