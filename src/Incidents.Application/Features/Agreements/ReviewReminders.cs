using Incidents.Application.Common;
using Incidents.Application.Common.Interfaces;
using Incidents.Domain.Agreements;
using Incidents.Domain.Common;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Agreements;

/// <summary>Sends each agreement's annual review reminder once, 30 days before its review date (1 September), to
/// SIL's designated officers and DPO. "Due and not yet sent": run at start-up and every hour. Returns how many.</summary>
public sealed record SendDueReviewRemindersCommand : IRequest<int>;

public sealed class SendDueReviewRemindersHandler(
    IIncidentsDb db,
    INotificationScheduler scheduler,
    TimeProvider time,
    ILogger<SendDueReviewRemindersHandler> logger) : IRequestHandler<SendDueReviewRemindersCommand, int>
{
    public async ValueTask<int> Handle(SendDueReviewRemindersCommand command, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(LondonTime.ToLondon(now).DateTime);
        var reviewDate = SuspensionCalendar.NextReviewDate(today);
        if (!ReviewReminder.IsDue(today, reviewDate))
        {
            return 0;
        }

        var pending = await db.Agreements.AsNoTracking()
            .Where(a => a.Status != AgreementStatus.Terminated)
            .Where(a => !db.Set<ReviewReminder>().Any(r => r.AgreementId == a.Id && r.ReviewDate == reviewDate))
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var agreementId in pending)
        {
            var notifications = new List<Notification>();
            try
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var agreement = await db.Agreements.AsNoTracking().SingleAsync(a => a.Id == agreementId, cancellationToken);
                db.Set<ReviewReminder>().Add(new ReviewReminder(Guid.CreateVersion7(now), agreementId, reviewDate, now));
                var recipients = await db.Contacts.AsNoTracking()
                    .Where(c => c.OrganisationId == agreement.SilOrganisationId && (c.Role == ContactRole.DesignatedOfficer || c.Role == ContactRole.Dpo))
                    .ToListAsync(cancellationToken);
                notifications.AddRange(recipients
                    .DistinctBy(c => c.Email.Trim().ToUpperInvariant())
                    .Select(c => new Notification(Guid.CreateVersion7(now), NotificationType.AgreementReviewDue, null, c.Name, c.Email, now, agreementId: agreementId)));
                db.Notifications.AddRange(notifications);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException ex)
            {
                // Another node sent it first (the unique index on agreement and review date).
                logger.LogInformation(ex, "Review reminder for agreement {AgreementId} already sent", agreementId);
                foreach (var entry in db.ChangeTracker.Entries().ToList())
                {
                    entry.State = EntityState.Detached;
                }

                continue;
            }

            JobRequests.Try(logger, notifications.Select(n => (Action)(() => scheduler.Enqueue(n.Id))));

            sent++;
        }

        return sent;
    }
}
