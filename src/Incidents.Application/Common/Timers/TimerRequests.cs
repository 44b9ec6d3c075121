using Incidents.Application.Common.Interfaces;
using Incidents.Domain.Timers;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Common.Timers;

/// <summary>After commit, asks the job runner for the timers that are due soon: now if due, else at their time. Timers
/// further off are not handed over (no jobs parked for days); the reconciler schedules them when they come near.</summary>
public sealed class TimerRequests(ITimerScheduler scheduler, TimerSettings settings, TimeProvider time, ILogger<TimerRequests> logger)
{
    public void AfterCommit(IEnumerable<DurableTimer> planned)
    {
        ArgumentNullException.ThrowIfNull(planned);
        var now = time.GetUtcNow();
        JobRequests.Try(logger, planned
            .Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now + settings.Horizon)
            .Select(t => (Action)(() => Request(t.Id, t.DueAt, now))));
    }

    internal void Request(Guid timerId, DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (dueAt <= now)
        {
            scheduler.Enqueue(timerId);
        }
        else
        {
            scheduler.Schedule(timerId, dueAt);
        }
    }
}
