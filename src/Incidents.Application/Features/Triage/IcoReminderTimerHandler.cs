using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Timers;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Incidents.Domain.Timers;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Triage;

/// <summary>An ICO reminder timer fired: if a decision or the initial report is still owed (the one duty rule), write the reminder emails to SIL's DPO (and the
/// assignee). If a later stage is also due (the app was down), only the latest is sent; earlier stages still
/// pending are cancelled.</summary>
public sealed class IcoReminderTimerHandler(IIncidentsDb db, IAuditTrail audit) : ITimerHandler
{
    public string Kind => TimerKinds.IcoReminder;

    public async Task<TimerOutcome> FireAsync(DurableTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var stage = IcoReminder.StageOf(timer);
        var laterDue = await db.Timers.AnyAsync(
            t => t.Kind == TimerKinds.IcoReminder && t.SubjectId == timer.SubjectId && t.Status == TimerStatus.Pending && t.DueAt > timer.DueAt && t.DueAt <= now,
            cancellationToken);
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == timer.SubjectId, cancellationToken);
        var filings = await db.IcoFilings.AsNoTracking().Where(f => f.IncidentId == incident.Id).ToListAsync(cancellationToken);
        if (laterDue || !IcoDuty.Of(incident, filings, now).RemindersRun)
        {
            // Superseded by a later stage, or no longer owed (the initial report is filed, or it is not reportable,
            // or closed): nothing to send.
            return TimerOutcome.Moot;
        }

        // Earlier stages still pending were missed while the app was down: this one replaces them. Stages are
        // compared by due time (stored as text, their names do not sort in stage order).
        await db.Timers
            .Where(t => t.Kind == TimerKinds.IcoReminder && t.SubjectId == timer.SubjectId && t.Status == TimerStatus.Pending && t.DueAt < timer.DueAt)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled), cancellationToken);

        var dpos = await db.Contacts.AsNoTracking()
            .Where(c => c.Role == ContactRole.Dpo && db.Organisations.Any(o => o.Id == c.OrganisationId && o.Kind == OrganisationKind.Sil))
            .Select(c => new { c.Name, c.Email })
            .ToListAsync(cancellationToken);
        var recipients = dpos.Select(d => (d.Name, d.Email)).ToList();
        if (!string.IsNullOrWhiteSpace(incident.AssigneeEmail))
        {
            recipients.Add((incident.AssigneeName ?? incident.AssigneeEmail, incident.AssigneeEmail));
        }

        var sent = recipients.DistinctBy(r => r.Item2.ToUpperInvariant())
            .Select(r => new Notification(Guid.CreateVersion7(now), NotificationType.IcoReminder, incident.Id, r.Item1, r.Item2, now, reminderStage: stage))
            .ToList();
        db.Notifications.AddRange(sent);
        if (sent.Count == 0)
        {
            db.Alerts.Add(new Alert(Guid.CreateVersion7(now), incident.Id, null,
                $"The ICO clock for {incident.Reference} reached its {stage} reminder but there is no DPO or assignee to remind.", now));
        }

        await audit.AppendAsync(incident.Id, "IcoReminderSent", null, new { Stage = stage, Recipients = sent.Select(n => n.RecipientEmail) }, cancellationToken);
        return TimerOutcome.Done(sent.Select(n => n.Id));
    }
}
