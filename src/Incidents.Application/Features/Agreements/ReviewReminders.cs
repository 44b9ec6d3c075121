using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Timers;
using Incidents.Domain.Agreements;
using Incidents.Domain.Common;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Incidents.Domain.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Agreements;

/// <summary>A review reminder timer fired: remind SIL's designated officers and DPO of the agreement's annual review
/// (1 September), unless the agreement was terminated or the review date has already passed (the app was down for
/// the whole month: a reminder after the date is no use).</summary>
public sealed class ReviewReminderTimerHandler(IIncidentsDb db) : ITimerHandler
{
    public string Kind => TimerKinds.AgreementReview;

    public async Task<TimerOutcome> FireAsync(DurableTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var today = DateOnly.FromDateTime(LondonTime.ToLondon(now).DateTime);
        var agreement = await db.Agreements.AsNoTracking().SingleAsync(a => a.Id == timer.SubjectId, cancellationToken);
        if (agreement.Status == AgreementStatus.Terminated || !ReviewReminder.IsDue(today, ReviewReminder.ReviewDateOf(timer)))
        {
            return TimerOutcome.Moot;
        }

        var recipients = await db.Contacts.AsNoTracking()
            .Where(c => c.OrganisationId == agreement.SilOrganisationId && (c.Role == ContactRole.DesignatedOfficer || c.Role == ContactRole.Dpo))
            .ToListAsync(cancellationToken);
        var sent = recipients
            .DistinctBy(c => c.Email.Trim().ToUpperInvariant())
            .Select(c => new Notification(Guid.CreateVersion7(now), NotificationType.AgreementReviewDue, null, c.Name, c.Email, now, agreementId: agreement.Id))
            .ToList();
        db.Notifications.AddRange(sent);
        return TimerOutcome.Done(sent.Select(n => n.Id));
    }
}

/// <summary>
/// The review clock is driven by the calendar, not by a change: at start-up and every minute the reconciler asks
/// this planner to give every agreement that is not terminated a pending review timer for its next review date
/// (the following year's once this year's exists). The timer's key is unique per agreement and review date, so a
/// reminder is planned, and sent, once however many nodes plan at the same moment.
/// </summary>
public sealed class ReviewTimerPlanner(IIncidentsDb db, ILogger<ReviewTimerPlanner> logger) : ITimerPlanner
{
    public async Task<IReadOnlyList<DurableTimer>> PlanAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var unplanned = await db.Agreements.AsNoTracking()
            .Where(a => a.Status != AgreementStatus.Terminated)
            .Where(a => !db.Timers.Any(t => t.Kind == TimerKinds.AgreementReview && t.SubjectId == a.Id && t.Status == TimerStatus.Pending))
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        if (unplanned.Count == 0)
        {
            return [];
        }

        var today = DateOnly.FromDateTime(LondonTime.ToLondon(now).DateTime);
        var reviewDate = SuspensionCalendar.NextReviewDate(today);
        var keys = unplanned.Select(id => ReviewReminder.KeyFor(id, reviewDate)).ToList();
        var done = (await db.Timers.AsNoTracking().Where(t => t.DedupKey != null && keys.Contains(t.DedupKey)).Select(t => t.DedupKey!).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var planned = unplanned
            .Select(id => ReviewReminder.For(id, done.Contains(ReviewReminder.KeyFor(id, reviewDate)) ? reviewDate.AddYears(1) : reviewDate, Guid.CreateVersion7(now)))
            .ToList();
        db.Timers.AddRange(planned);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another node planned them first (the unique key): theirs stand.
            logger.LogInformation(ex, "Review timers already planned by another node");
            db.ChangeTracker.Clear();
            return [];
        }

        return planned;
    }
}
