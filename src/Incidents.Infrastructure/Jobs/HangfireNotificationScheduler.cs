using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Incidents.Application.Common.Interfaces;

namespace Incidents.Infrastructure.Jobs;

/// <summary>Asks Hangfire to run <see cref="SendNotificationJob"/> for one notification id.</summary>
internal sealed class HangfireNotificationScheduler(IBackgroundJobClient jobs) : INotificationScheduler
{
    public void Enqueue(Guid notificationId) =>
        jobs.Create(Job.FromExpression<SendNotificationJob>(j => j.RunAsync(notificationId, CancellationToken.None)), new EnqueuedState());

    public void Schedule(Guid notificationId, DateTimeOffset at) =>
        jobs.Create(Job.FromExpression<SendNotificationJob>(j => j.RunAsync(notificationId, CancellationToken.None)), new ScheduledState(at.UtcDateTime));
}

/// <summary>Asks Hangfire to run <see cref="FireTimerJob"/> for one timer id, now or at its due time.</summary>
internal sealed class HangfireTimerScheduler(IBackgroundJobClient jobs) : ITimerScheduler
{
    public void Enqueue(Guid timerId) =>
        jobs.Create(Job.FromExpression<FireTimerJob>(j => j.RunAsync(timerId, CancellationToken.None)), new EnqueuedState());

    public void Schedule(Guid timerId, DateTimeOffset at) =>
        jobs.Create(Job.FromExpression<FireTimerJob>(j => j.RunAsync(timerId, CancellationToken.None)), new ScheduledState(at.UtcDateTime));
}
