using Incidents.Application.Common;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Interfaces;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Triage;

/// <summary>Fires one ICO reminder timer: claims the row (so it fires once), and if a decision is still owed,
/// writes the reminder emails as notification rows in the same transaction. If a later stage is also due
/// (the app was down), only the latest is sent.</summary>
public sealed record FireIcoReminderCommand(Guid ReminderId) : IRequest<bool>;

public sealed class FireIcoReminderHandler(
    IIncidentsDb db,
    IAuditTrail audit,
    INotificationScheduler notifications,
    TimeProvider time,
    ILogger<FireIcoReminderHandler> logger) : IRequestHandler<FireIcoReminderCommand, bool>
{
    private static readonly TimeSpan DueTolerance = TimeSpan.FromSeconds(2);

    public async ValueTask<bool> Handle(FireIcoReminderCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        var dueBy = now + DueTolerance;
        var sent = new List<Notification>();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var claimed = await db.IcoReminders
                .Where(r => r.Id == command.ReminderId && r.Status == TimerStatus.Pending && r.DueAt <= dueBy)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, TimerStatus.Fired).SetProperty(r => r.FiredAt, now), cancellationToken);
            if (claimed == 0)
            {
                return false;
            }

            var reminder = await db.IcoReminders.AsNoTracking().SingleAsync(r => r.Id == command.ReminderId, cancellationToken);
            var laterDue = await db.IcoReminders.AnyAsync(
                r => r.IncidentId == reminder.IncidentId && r.Status == TimerStatus.Pending && r.DueAt > reminder.DueAt && r.DueAt <= now,
                cancellationToken);
            var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == reminder.IncidentId, cancellationToken);
            if (laterDue || !IcoReminderPlanner.NeedsReminders(incident))
            {
                // Superseded by a later stage, or no longer owed: nothing to send.
                await db.IcoReminders.Where(r => r.Id == reminder.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, TimerStatus.Cancelled), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return false;
            }

            // Earlier stages still pending were missed while the app was down: this one replaces them. Stages are
            // compared by due time (stored as text, their names do not sort in stage order).
            await db.IcoReminders
                .Where(r => r.IncidentId == reminder.IncidentId && r.Status == TimerStatus.Pending && r.DueAt < reminder.DueAt)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, TimerStatus.Cancelled), cancellationToken);

            var dpos = await db.Contacts.AsNoTracking()
                .Where(c => c.Role == ContactRole.Dpo && db.Organisations.Any(o => o.Id == c.OrganisationId && o.Kind == OrganisationKind.Sil))
                .Select(c => new { c.Name, c.Email })
                .ToListAsync(cancellationToken);
            var recipients = dpos.Select(d => (d.Name, d.Email)).ToList();
            if (!string.IsNullOrWhiteSpace(incident.AssigneeEmail))
            {
                recipients.Add((incident.AssigneeName ?? incident.AssigneeEmail, incident.AssigneeEmail));
            }

            foreach (var (name, email) in recipients.DistinctBy(r => r.Item2.ToUpperInvariant()))
            {
                sent.Add(new Notification(Guid.CreateVersion7(now), NotificationType.IcoReminder, incident.Id, name, email, now, reminderStage: reminder.Stage));
            }

            db.Notifications.AddRange(sent);
            if (sent.Count == 0)
            {
                db.Alerts.Add(new Alert(Guid.CreateVersion7(now), incident.Id, null,
                    $"The ICO clock for {incident.Reference} reached its {reminder.Stage} reminder but there is no DPO or assignee to remind.", now));
            }

            await audit.AppendAsync(incident.Id, "IcoReminderSent", null, new { reminder.Stage, Recipients = sent.Select(n => n.RecipientEmail) }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        JobRequests.Try(logger, sent.Select(n => (Action)(() => notifications.Enqueue(n.Id))));

        return true;
    }
}
