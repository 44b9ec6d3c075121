using Incidents.Application.Common;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Common;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Notifications;

/// <summary>Sends a failed notice again, once, to the address now on record for its contact: a new notification row
/// linked to the failed one (which stays as it was), and the failure's alerts resolved.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Only SIL's DPO and administrators may resend notices.")]
public sealed record ResendNotificationCommand(Guid NotificationId) : IRequest<ResentNotification>;

public sealed record ResentNotification(Guid Id, Guid ResendOfNotificationId, string RecipientName, string RecipientEmail);

public sealed class ResendNotificationHandler(
    IIncidentsDb db,
    ICurrentUser user,
    INotificationScheduler scheduler,
    IAuditTrail audit,
    TimeProvider time,
    ILogger<ResendNotificationHandler> logger) : IRequestHandler<ResendNotificationCommand, ResentNotification>
{
    public async ValueTask<ResentNotification> Handle(ResendNotificationCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);

        var failed = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.Id == command.NotificationId, cancellationToken)
            ?? throw new NotFoundException("There is no notice with that id.");
        if (failed.Status != NotificationStatus.Failed)
        {
            throw new DomainException("Only a notice that failed can be resent.", "notificationId");
        }

        if (await db.Notifications.AnyAsync(n => n.ResendOfNotificationId == failed.Id, cancellationToken))
        {
            throw new ConflictException("This notice has already been resent.");
        }

        var (name, email) = (failed.RecipientName, failed.RecipientEmail);
        if (failed.ContactId is { } contactId)
        {
            var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contactId, cancellationToken);
            if (contact is { Active: false })
            {
                throw new DomainException($"{contact.Name} is no longer an active contact. Tell the right person directly, or make them a contact.", "notificationId");
            }

            (name, email) = contact is null ? (name, email) : (contact.Name, contact.Email);
        }

        var now = time.GetUtcNow();
        var resend = Notification.ResendOf(failed, Guid.CreateVersion7(now), name, email, now);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Notifications.Add(resend);
            var alerts = await db.Alerts.Where(a => a.NotificationId == failed.Id && a.ResolvedAt == null).ToListAsync(cancellationToken);
            foreach (var alert in alerts)
            {
                alert.Resolve($"Resent to {email} by {user.DisplayName}", now);
            }

            if (failed.IncidentId is { } incidentId)
            {
                await audit.AppendAsync(incidentId, "NotificationResent", new { NotificationId = failed.Id, To = failed.RecipientEmail },
                    new { NotificationId = resend.Id, To = email }, cancellationToken);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two resends at once: the unique link to the failed notice lets one through.
                throw new ConflictException("This notice has already been resent.");
            }

            await transaction.CommitAsync(cancellationToken);
        }

        JobRequests.Try(logger, [() => scheduler.Enqueue(resend.Id)]);
        return new ResentNotification(resend.Id, failed.Id, name, email);
    }
}
