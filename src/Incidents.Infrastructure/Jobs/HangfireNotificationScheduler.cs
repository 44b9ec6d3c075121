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

/// <summary>Asks Hangfire to run <see cref="FireIcoReminderJob"/> for one reminder id, now or at its due time.</summary>
internal sealed class HangfireReminderScheduler(IBackgroundJobClient jobs) : IReminderScheduler
{
    public void Enqueue(Guid reminderId) =>
        jobs.Create(Job.FromExpression<FireIcoReminderJob>(j => j.RunAsync(reminderId, CancellationToken.None)), new EnqueuedState());

    public void Schedule(Guid reminderId, DateTimeOffset at) =>
        jobs.Create(Job.FromExpression<FireIcoReminderJob>(j => j.RunAsync(reminderId, CancellationToken.None)), new ScheduledState(at.UtcDateTime));
}

/// <summary>Asks Hangfire to run <see cref="FireSuspensionTimerJob"/> for one suspension timer.</summary>
internal sealed class HangfireSuspensionTimerScheduler(IBackgroundJobClient jobs) : ISuspensionTimerScheduler
{
    public void Enqueue(Guid timerId) =>
        jobs.Create(Job.FromExpression<FireSuspensionTimerJob>(j => j.RunAsync(timerId, CancellationToken.None)), new EnqueuedState());

    public void Schedule(Guid timerId, DateTimeOffset at) =>
        jobs.Create(Job.FromExpression<FireSuspensionTimerJob>(j => j.RunAsync(timerId, CancellationToken.None)), new ScheduledState(at.UtcDateTime));
}
