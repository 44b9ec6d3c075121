using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Timers;
using Incidents.Domain.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Timers;

/// <summary>
/// The timers' half of the reconciler (start-up and every minute): lets the calendar clocks write their missing
/// timers, re-asks for every due, unfired timer (whatever happened to its job), and schedules at their time the
/// timers that come due within the horizon. Changes no timer row itself.
/// </summary>
public sealed class TimerReconciler(
    IIncidentsDb db,
    IEnumerable<ITimerPlanner> planners,
    ITimerScheduler scheduler,
    TimerSettings settings,
    TimeProvider time,
    ILogger<TimerReconciler> logger)
{
    /// <summary>Returns how many timers were asked for.</summary>
    public async Task<int> ReconcileAsync(DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planners);
        foreach (var planner in planners)
        {
            try
            {
                await planner.PlanAsync(time.GetUtcNow(), cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One clock's trouble must not stop the others' timers from firing.
                logger.LogError(ex, "Timer planner {Planner} failed; it is asked again at the next reconcile", planner.GetType().Name);
                db.ChangeTracker.Clear();
            }
        }

        var now = time.GetUtcNow();
        var horizon = now + settings.Horizon;
        var pending = await db.Timers.AsNoTracking()
            .Where(t => t.Status == TimerStatus.Pending && t.DueAt <= horizon)
            .OrderBy(t => t.DueAt)
            .Select(t => new { t.Id, t.DueAt })
            .ToListAsync(cancellationToken);
        foreach (var timer in pending)
        {
            if (timer.DueAt <= dueBefore)
            {
                scheduler.Enqueue(timer.Id);
            }
            else if (timer.DueAt > now)
            {
                scheduler.Schedule(timer.Id, timer.DueAt);
            }

            // Due within the grace: its own job is expected to be running; the next reconcile catches it if not.
        }

        return pending.Count(t => t.DueAt <= dueBefore || t.DueAt > now);
    }
}
