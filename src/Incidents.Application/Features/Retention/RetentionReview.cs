using System.Globalization;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Common.Timers;
using Incidents.Domain.Common;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Incidents.Domain.Retention;
using Incidents.Domain.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Retention;

/// <summary>Plans the monthly retention review: one timer per month (09:00 London on the 1st), kept once by its dedup key.
/// Asked by the reconciler every minute, like the annual review planner.</summary>
public sealed class RetentionReviewTimerPlanner(IIncidentsDb db, ILogger<RetentionReviewTimerPlanner> logger) : ITimerPlanner
{
    public async Task<IReadOnlyList<DurableTimer>> PlanAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.Timers.AnyAsync(t => t.Kind == TimerKinds.RetentionReview && t.Status == TimerStatus.Pending, cancellationToken))
        {
            return [];
        }

        var london = LondonTime.ToLondon(now).DateTime;
        var month = new DateTime(london.Year, london.Month, 1, 9, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
        var key = KeyFor(month);
        if (await db.Timers.AnyAsync(t => t.DedupKey == key, cancellationToken))
        {
            return [];
        }

        var timer = new DurableTimer(Guid.CreateVersion7(now), TimerKinds.RetentionReview, Guid.Empty, LondonTime.FromLondonWallClock(month), null, key);
        db.Timers.Add(timer);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "Retention review already planned by another node");
            db.ChangeTracker.Clear();
            return [];
        }

        return [timer];
    }

    public static string KeyFor(DateTime londonMonth) => $"RetentionReview:{londonMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";
}

/// <summary>The monthly retention review fired: flag the records now due (audited once each) and, while any are due,
/// remind SIL's DPO (a notice row per DPO contact, in the timer's transaction).</summary>
public sealed class RetentionReviewTimerHandler(IIncidentsDb db, IAuditTrail audit, RetentionSettings settings) : ITimerHandler
{
    public string Kind => TimerKinds.RetentionReview;

    public async Task<TimerOutcome> FireAsync(DurableTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var due = await ListRetentionDueHandler.Due(db, settings, now, cancellationToken);
        if (due.Count == 0)
        {
            return TimerOutcome.Done([]);
        }

        var ids = due.Select(d => d.IncidentId).ToList();
        var rows = await db.Set<IncidentRetention>().Where(r => ids.Contains(r.IncidentId)).ToDictionaryAsync(r => r.IncidentId, cancellationToken);
        foreach (var item in due.Where(d => d.FlaggedAt is null))
        {
            if (!rows.TryGetValue(item.IncidentId, out var row))
            {
                row = new IncidentRetention(item.IncidentId);
                db.Set<IncidentRetention>().Add(row);
            }

            row.Flag(now);
            await audit.AppendAsync(item.IncidentId, "RetentionDue", null, new { item.RetentionDate }, cancellationToken);
        }

        var dpos = await db.Contacts.AsNoTracking().Where(c => c.Role == ContactRole.Dpo && c.Active)
            .Join(db.Organisations.Where(o => o.Kind == OrganisationKind.Sil), c => c.OrganisationId, o => o.Id, (c, o) => c)
            .ToListAsync(cancellationToken);
        var notices = dpos.GroupBy(c => c.Email.Trim().ToUpperInvariant()).Select(g => g.First())
            .Select(c => new Notification(Guid.CreateVersion7(now), NotificationType.RetentionReviewDue, null, c.Name, c.Email, now,
                reason: RecipientReason.Dpo, recipientOrganisation: "School Improvement Liverpool", contactId: c.Id))
            .ToList();
        db.Notifications.AddRange(notices);
        return TimerOutcome.Done(notices.Select(n => n.Id));
    }
}
