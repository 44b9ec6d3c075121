using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Incidents.Application.Common.Interfaces;
using Incidents.Infrastructure.Email;

namespace Incidents.Infrastructure.Jobs;

/// <summary>Hands owed notices to this process's email dispatcher: now (after a commit, or from the reconciler) or at a
/// retry's time. No job per notice: the dispatcher claims whatever is due, in batches. Another node's notices are that
/// node's, or the reconciler's (every minute, on any node), so a lost wake-up delays a notice and loses nothing.</summary>
internal sealed class DispatcherNotificationScheduler(DispatchSignal signal) : INotificationScheduler
{
    public void Enqueue(Guid notificationId) => signal.Wake();

    public void Schedule(Guid notificationId, DateTimeOffset at) => signal.WakeAt(at);
}

/// <summary>Asks Hangfire to run <see cref="FireTimerJob"/> for one timer id, now or at its due time.</summary>
internal sealed class HangfireTimerScheduler(IBackgroundJobClient jobs) : ITimerScheduler
{
    public void Enqueue(Guid timerId) =>
        jobs.Create(Job.FromExpression<FireTimerJob>(j => j.RunAsync(timerId, CancellationToken.None)), new EnqueuedState());

    public void Schedule(Guid timerId, DateTimeOffset at) =>
        jobs.Create(Job.FromExpression<FireTimerJob>(j => j.RunAsync(timerId, CancellationToken.None)), new ScheduledState(at.UtcDateTime));
}
