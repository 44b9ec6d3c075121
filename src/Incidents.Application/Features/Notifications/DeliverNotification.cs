using Incidents.Application.Common;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Notifications;

/// <summary>Sends one owed notice. Safe to run any number of times: the row is claimed with a conditional
/// update first, so only one run sends, and a row that is already sent is left alone.</summary>
[SentWithoutUser("The outbox job that sends one notice.")]
public sealed record DeliverNotificationCommand(Guid NotificationId) : IRequest<DeliveryOutcome>;

public enum DeliveryOutcome
{
    /// <summary>Sent now.</summary>
    Sent,

    /// <summary>Another run has it, it is already sent or failed, or it is not due yet.</summary>
    NotClaimed,

    /// <summary>A transient failure; scheduled again.</summary>
    RetryScheduled,

    /// <summary>Given up; an alert was raised and the DPO told.</summary>
    Failed,

    /// <summary>The relay has a configuration fault: still owed, tried again when the fault is next checked.</summary>
    HeldByFault,
}

public sealed class DeliverNotificationHandler(
    IIncidentsDb db,
    IEmailSender email,
    INotificationScheduler scheduler,
    NotificationSettings settings,
    IAuditTrail audit,
    TimeProvider time,
    ILogger<DeliverNotificationHandler> logger,
    Common.IncidentsMetrics? metrics = null,
    IInviteLinks? invites = null) : IRequestHandler<DeliverNotificationCommand, DeliveryOutcome>
{
    /// <summary>Hangfire's clock and ours may differ by a little; a job a moment early still counts as due.</summary>
    internal static readonly TimeSpan DueTolerance = TimeSpan.FromSeconds(2);

    public async ValueTask<DeliveryOutcome> Handle(DeliverNotificationCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var id = command.NotificationId;
        var now = time.GetUtcNow();
        var dueBy = now + DueTolerance;
        var leaseUntil = now + settings.ClaimLease;

        // While the relay has a configuration fault, one send per FaultRetryDelay tries it again (the one that moves the
        // fault's LastTriedAt on); the others wait without touching the relay.
        var fault = await db.EmailFaults.AsNoTracking().Where(f => f.ClearedAt == null).OrderBy(f => f.Since).FirstOrDefaultAsync(cancellationToken);
        if (fault is not null)
        {
            var triedBefore = now - settings.FaultRetryDelay;
            var mayTry = await db.EmailFaults
                .Where(f => f.Id == fault.Id && f.ClearedAt == null && f.LastTriedAt <= triedBefore)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.LastTriedAt, now), cancellationToken);
            if (mayTry == 0)
            {
                return await HoldAsync(id, now, dueBy, cancellationToken);
            }
        }

        var claimed = await db.Notifications
            .Where(n => n.Id == id
                && ((n.Status == NotificationStatus.Pending && n.NextAttemptAt <= dueBy)
                    || (n.Status == NotificationStatus.Sending && n.ClaimedUntil < now)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, NotificationStatus.Sending)
                .SetProperty(n => n.ClaimedUntil, leaseUntil)
                .SetProperty(n => n.Attempts, n => n.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return DeliveryOutcome.NotClaimed;
        }

        var notification = await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == id, cancellationToken);
        if (notification.Attempts > settings.Retry.MaxAttempts)
        {
            // Earlier runs claimed it and never finished (the process died each time): stop and tell the DPO.
            return await HandleFailureAsync(notification, leaseUntil,
                new EmailDeliveryException($"Gave up after {notification.Attempts - 1} attempts that did not finish.", EmailFailureKind.Recipient), cancellationToken);
        }

        int templateVersion;
        try
        {
            (var message, templateVersion) = await new NoticeTemplates.NoticeWriter(db, settings, time, logger, invites).WriteAsync(notification, cancellationToken);
            await email.SendAsync(message, cancellationToken);
        }
        catch (EmailDeliveryException ex)
        {
            return await HandleFailureAsync(notification, leaseUntil, ex, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Anything unforeseen is treated as transient: the row is never left claimed with nobody to finish it.
            logger.LogError(ex, "Unexpected error delivering notification {NotificationId}", id);
            return await HandleFailureAsync(notification, leaseUntil, new EmailDeliveryException($"{ex.GetType().Name}: {ex.Message}", EmailFailureKind.Transient, ex), cancellationToken);
        }

        var sentAt = time.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None))
        {
            await Steps.MarkSentAsync(notification, leaseUntil, templateVersion, sentAt);
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        if (fault is not null)
        {
            await ClearFaultAsync(sentAt, cancellationToken);
        }

        metrics?.Sent(notification.Type.ToString());
        logger.LogInformation("Notification {NotificationId} sent on attempt {Attempt}", id, notification.Attempts);
        return DeliveryOutcome.Sent;
    }

    private DeliverySteps Steps => new(db, scheduler, settings, audit, time, logger, metrics);

    private Task<DeliveryOutcome> HandleFailureAsync(Notification notification, DateTimeOffset leaseUntil, EmailDeliveryException ex, CancellationToken cancellationToken) =>
        Steps.HandleFailureAsync(notification, leaseUntil, ex, cancellationToken);

    private Task<DeliveryOutcome> HoldAsync(Guid id, DateTimeOffset now, DateTimeOffset dueBy, CancellationToken cancellationToken) =>
        Steps.HoldAsync(id, now, dueBy, cancellationToken);

    private Task ClearFaultAsync(DateTimeOffset now, CancellationToken cancellationToken) => Steps.ClearFaultAsync(now, cancellationToken);
}

/// <summary>What happens to a claimed notice after its send, shared by the one-notice command and the dispatcher's
/// batch: back-off, giving up (alert and the DPO told), holding for a relay configuration fault, and clearing it.</summary>
internal sealed class DeliverySteps(
    IIncidentsDb db,
    INotificationScheduler scheduler,
    NotificationSettings settings,
    IAuditTrail audit,
    TimeProvider time,
    ILogger logger,
    Common.IncidentsMetrics? metrics)
{
    /// <summary>Marks a notice this claim sent as sent (only while <paramref name="leaseUntil"/> is still its claim)
    /// and appends its audit entry, inside the caller's transaction, which saves and commits; 1 when marked.</summary>
    public async Task<int> MarkSentAsync(Notification notification, DateTimeOffset leaseUntil, int templateVersion, DateTimeOffset sentAt)
    {
        var marked = await db.Notifications
            .Where(n => n.Id == notification.Id && n.Status == NotificationStatus.Sending && n.ClaimedUntil == leaseUntil)
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, NotificationStatus.Sent)
                .SetProperty(n => n.SentAt, sentAt)
                .SetProperty(n => n.TemplateVersion, templateVersion)
                .SetProperty(n => n.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(n => n.LastError, (string?)null), CancellationToken.None);
        if (marked > 0 && notification.IncidentId is { } incidentId)
        {
            await audit.AppendAsync(incidentId, "NotificationSent", null,
                new { NotificationId = notification.Id, notification.Type, To = notification.RecipientEmail, notification.Attempts, TemplateVersion = templateVersion }, CancellationToken.None);
        }

        return marked;
    }

    public async Task<DeliveryOutcome> HandleFailureAsync(Notification notification, DateTimeOffset leaseUntil, EmailDeliveryException ex, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var error = Truncate(ex.Message, Notification.LastErrorMaxLength);
        if (ex.Kind == EmailFailureKind.Configuration)
        {
            return await RaiseFaultAsync(notification, leaseUntil, ex.Message, now, cancellationToken);
        }

        if (!ex.IsPermanent && !settings.Retry.GivesUpAfter(notification.Attempts))
        {
            var next = now + settings.Retry.DelayAfter(notification.Attempts);
            var released = await db.Notifications
                .Where(n => n.Id == notification.Id && n.Status == NotificationStatus.Sending && n.ClaimedUntil == leaseUntil)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.Status, NotificationStatus.Pending)
                    .SetProperty(n => n.NextAttemptAt, next)
                    .SetProperty(n => n.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(n => n.LastError, error), CancellationToken.None);
            // The error text stays on the row (it may name the recipient); the log carries ids only.
            logger.LogWarning("Notification {NotificationId} attempt {Attempt} failed; next attempt at {NextAttemptAt}",
                notification.Id, notification.Attempts, next);
            if (released == 0)
            {
                // Another run took the row over after this run's claim ran out; it is that run's now.
                return DeliveryOutcome.NotClaimed;
            }

            JobRequests.Try(logger, [() => scheduler.Schedule(notification.Id, next)]);
            return DeliveryOutcome.RetryScheduled;
        }

        logger.LogError("Notification {NotificationId} failed for good after {Attempts} attempt(s)", notification.Id, notification.Attempts);
        metrics?.Failed(notification.Type.ToString());
        var alertNotices = new List<Notification>();
        await using (var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None))
        {
            var marked = await db.Notifications
                .Where(n => n.Id == notification.Id && n.Status == NotificationStatus.Sending && n.ClaimedUntil == leaseUntil)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.Status, NotificationStatus.Failed)
                    .SetProperty(n => n.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(n => n.LastError, error), CancellationToken.None);
            if (marked == 0)
            {
                return DeliveryOutcome.NotClaimed;
            }

            if (notification.IncidentId is { } failedIncidentId)
            {
                await audit.AppendAsync(failedIncidentId, "NotificationFailed", null,
                    new { NotificationId = notification.Id, notification.Type, To = notification.RecipientEmail, notification.Attempts, Error = error }, CancellationToken.None);
            }

            var why = ex.IsPermanent ? "was rejected" : $"could not be delivered after {notification.Attempts} attempts";
            db.Alerts.Add(new Alert(Guid.CreateVersion7(now), notification.IncidentId, notification.Id,
                $"The notice to {notification.RecipientName} <{notification.RecipientEmail}> {why}: {error}", now));

            // Tell the DPO by email too, unless this notice was itself such an alert (no loops), and not at an address that just failed.
            if (notification.Type != NotificationType.DeliveryFailed)
            {
                var dpos = await db.Contacts.AsNoTracking()
                    .Where(c => c.Role == ContactRole.Dpo && db.Organisations.Any(o => o.Id == c.OrganisationId && o.Kind == OrganisationKind.Sil))
                    .ToListAsync(CancellationToken.None);
                foreach (var dpo in dpos.Where(d => !string.Equals(d.Email, notification.RecipientEmail, StringComparison.OrdinalIgnoreCase)))
                {
                    alertNotices.Add(new Notification(Guid.CreateVersion7(now), NotificationType.DeliveryFailed, notification.IncidentId,
                        dpo.Name, dpo.Email, now, notification.Id));
                }

                db.Notifications.AddRange(alertNotices);
            }

            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        JobRequests.Try(logger, alertNotices.Select(n => (Action)(() => scheduler.Enqueue(n.Id))));

        return DeliveryOutcome.Failed;
    }

    /// <summary>Puts a due notice back to wait for the next try of a faulty relay, without sending or counting an attempt.</summary>
    public async Task<DeliveryOutcome> HoldAsync(Guid id, DateTimeOffset now, DateTimeOffset dueBy, CancellationToken cancellationToken)
    {
        var next = now + settings.FaultRetryDelay;
        var held = await db.Notifications
            .Where(n => n.Id == id && n.Status == NotificationStatus.Pending && n.NextAttemptAt <= dueBy)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.NextAttemptAt, next), cancellationToken);
        if (held == 0)
        {
            return DeliveryOutcome.NotClaimed;
        }

        JobRequests.Try(logger, [() => scheduler.Schedule(id, next)]);
        return DeliveryOutcome.HeldByFault;
    }

    /// <summary>A configuration fault: the notice stays owed (the attempt is not counted against MaxAttempts, and no
    /// "could not be delivered" email is sent through the same broken relay); the fault is recorded, or brought up to
    /// date, and an alert raised when it is new or its reason changed.</summary>
    public async Task<DeliveryOutcome> RaiseFaultAsync(Notification notification, DateTimeOffset leaseUntil, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        reason = EmailFault.Truncate(reason);
        var next = now + settings.FaultRetryDelay;
        await using (var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None))
        {
            var released = await db.Notifications
                .Where(n => n.Id == notification.Id && n.Status == NotificationStatus.Sending && n.ClaimedUntil == leaseUntil)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.Status, NotificationStatus.Pending)
                    .SetProperty(n => n.NextAttemptAt, next)
                    .SetProperty(n => n.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(n => n.Attempts, n => n.Attempts - 1)
                    .SetProperty(n => n.LastError, Truncate(reason, Notification.LastErrorMaxLength)), CancellationToken.None);
            if (released == 0)
            {
                return DeliveryOutcome.NotClaimed;
            }

            var open = await db.EmailFaults.AsNoTracking().Where(f => f.ClearedAt == null).OrderBy(f => f.Since).FirstOrDefaultAsync(CancellationToken.None);
            if (open is null || open.Reason != reason)
            {
                if (open is null)
                {
                    db.EmailFaults.Add(new EmailFault(Guid.CreateVersion7(now), reason, now));
                    logger.LogError("Email relay configuration fault raised by notification {NotificationId}", notification.Id);
                }
                else
                {
                    await db.EmailFaults.Where(f => f.Id == open.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(f => f.Reason, reason).SetProperty(f => f.LastTriedAt, now), CancellationToken.None);
                }

                db.Alerts.Add(new Alert(Guid.CreateVersion7(now), notification.IncidentId, notification.Id,
                    $"Email is not being delivered: {reason.TrimEnd('.')}. Notices are kept and go out when this is fixed.", now));
                await db.SaveChangesAsync(CancellationToken.None);
            }

            await transaction.CommitAsync(CancellationToken.None);
        }

        logger.LogWarning("Notification {NotificationId} held by an email configuration fault; next try at {NextAttemptAt}", notification.Id, next);
        JobRequests.Try(logger, [() => scheduler.Schedule(notification.Id, next)]);
        return DeliveryOutcome.HeldByFault;
    }

    /// <summary>A send got through: the relay works again. The fault is closed and the notices that waited for it are
    /// sent now rather than at their next try.</summary>
    public async Task ClearFaultAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cleared = await db.EmailFaults.Where(f => f.ClearedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.ClearedAt, now), CancellationToken.None);
        if (cleared == 0)
        {
            return;
        }

        logger.LogInformation("Email relay configuration fault cleared");
        var heldUntil = now + settings.FaultRetryDelay;
        var waiting = await db.Notifications.AsNoTracking()
            .Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt > now && n.NextAttemptAt <= heldUntil)
            .Select(n => n.Id)
            .ToListAsync(cancellationToken);
        await db.Notifications
            .Where(n => waiting.Contains(n.Id) && n.Status == NotificationStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.NextAttemptAt, now), cancellationToken);
        JobRequests.Try(logger, waiting.Select(w => (Action)(() => scheduler.Enqueue(w))));
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];
}
