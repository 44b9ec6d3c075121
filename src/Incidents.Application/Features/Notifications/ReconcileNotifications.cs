using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Notifications;

/// <summary>
/// Re-asks for delivery of every notice that is owed and that no job is handling: due rows no job has taken
/// within the grace period, and claims that ran out (a process killed mid-send). Runs at start-up with no
/// grace and then every minute. Timers (every kind) are reconciled here too, by <see cref="Timers.TimerReconciler"/>. Returns how many it re-enqueued.
/// </summary>
[SentWithoutUser("The reconciler, at start-up and every minute.")]
public sealed record ReconcileNotificationsCommand(bool AtStartup) : IRequest<int>;

public sealed class ReconcileNotificationsHandler(
    IIncidentsDb db,
    INotificationScheduler scheduler,
    Timers.TimerReconciler timers,
    NotificationSettings settings,
    TimeProvider time,
    ILogger<ReconcileNotificationsHandler> logger,
    Common.IncidentsMetrics? metrics = null) : IRequestHandler<ReconcileNotificationsCommand, int>
{
    public async ValueTask<int> Handle(ReconcileNotificationsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        var dueBefore = command.AtStartup ? now : now - settings.ReconcileGrace;
        var owed = await db.Notifications.AsNoTracking()
            .Where(n => (n.Status == NotificationStatus.Pending && n.NextAttemptAt <= dueBefore)
                     || (n.Status == NotificationStatus.Sending && n.ClaimedUntil < now))
            .OrderBy(n => n.NextAttemptAt)
            .Select(n => n.Id)
            .ToListAsync(cancellationToken);
        foreach (var id in owed)
        {
            scheduler.Enqueue(id);
        }

        var timersAsked = await timers.ReconcileAsync(dueBefore, cancellationToken);

        var total = owed.Count + timersAsked;
        if (metrics is not null)
        {
            var oldest = await db.Notifications.AsNoTracking()
                .Where(n => n.Status == NotificationStatus.Pending || n.Status == NotificationStatus.Sending)
                .OrderBy(n => n.CreatedAt)
                .Select(n => (DateTimeOffset?)n.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken);
            metrics.Observe(oldest is { } created ? now - created : TimeSpan.Zero, timersAsked);
        }
        if (total > 0)
        {
            logger.LogInformation("Reconciler re-enqueued {Count} owed notification(s) and timer(s)", total);
        }

        return total;
    }
}
