using Incidents.Application.Common;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Timers;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Incidents.Domain.Timers;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Incidents;

/// <summary>A member of staff reports a breach, complaint, discrepancy or near miss. The reporting organisation
/// and the reporter are the signed-in user's; the recipients of the notices come from the parties' contacts.</summary>
public sealed record ReportIncidentCommand(
    IncidentKind? Kind,
    Guid? CounterpartyOrganisationId,
    DateTimeOffset? DiscoveredAt,
    string? Summary,
    string? Description,
    IReadOnlyList<string>? DataCategories,
    int? ApproximateDataSubjects,
    string? ContainmentActions = null) : IRequest<ReportIncidentResult>;

public sealed record ReportIncidentResult(Guid Id, string Reference, IReadOnlyList<NotifiedRecipient> Notified);

/// <summary>Who is told, with why (<see cref="Reason"/>) and their organisation.</summary>
public sealed record NotifiedRecipient(Guid NotificationId, string Name, string Email, NotificationType Type = NotificationType.IncidentReported, RecipientReason? Reason = null, string? Organisation = null);

public sealed class ReportIncidentHandler(
    IIncidentsDb db,
    ICurrentUser user,
    INotificationScheduler scheduler,
    TimerRequests timers,
    IAuditTrail audit,
    TimeProvider time,
    ILogger<ReportIncidentHandler> logger,
    Webhooks.WebhookOutbox? webhooks = null) : IRequestHandler<ReportIncidentCommand, ReportIncidentResult>
{
    public async ValueTask<ReportIncidentResult> Handle(ReportIncidentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var kind = command.Kind!.Value;
        var counterpartyId = command.CounterpartyOrganisationId!.Value;
        var reporterOrganisationId = user.OrganisationId;

        // The validator has checked that this agreement exists; read it again here for its id.
        var agreement = await db.Agreements.AsNoTracking()
            .Where(a => a.Status != AgreementStatus.Terminated)
            .Where(a => (a.SilOrganisationId == reporterOrganisationId && a.SchoolOrganisationId == counterpartyId)
                     || (a.SchoolOrganisationId == reporterOrganisationId && a.SilOrganisationId == counterpartyId))
            .OrderByDescending(a => a.Version)
            .FirstAsync(cancellationToken);
        var counterparty = await db.Organisations.AsNoTracking().Include(o => o.Contacts)
            .SingleAsync(o => o.Id == counterpartyId, cancellationToken);
        var sil = await db.Organisations.AsNoTracking().Include(o => o.Contacts)
            .SingleAsync(o => o.Kind == OrganisationKind.Sil, cancellationToken);
        var reporting = reporterOrganisationId == sil.Id
            ? sil
            : await db.Organisations.AsNoTracking().Include(o => o.Contacts).SingleAsync(o => o.Id == reporterOrganisationId, cancellationToken);
        // The reporter's address is their account's, never one given in the report.
        var reporterEmail = await db.Set<ApplicationUser>().AsNoTracking().Where(u => u.Id == user.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        var recipients = NotificationRouting.NoticesFor(kind, reporting, counterparty, sil, user.DisplayName, reporterEmail);

        var now = time.GetUtcNow();
        var year = LondonTime.ToLondon(now).Year;

        await EnsureCounterAsync(year, cancellationToken);

        var notifications = new List<Notification>();
        IReadOnlyList<DurableTimer> planned;
        Incident incident;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var number = await NextNumberAsync(year, cancellationToken);
            incident = new Incident(
                Guid.CreateVersion7(now),
                Reference.Format(year, number),
                kind,
                agreement.Id,
                reporterOrganisationId,
                counterpartyId,
                user.UserId,
                user.DisplayName,
                command.DiscoveredAt!.Value > now ? now : command.DiscoveredAt.Value,
                now,
                command.Summary!.Trim(),
                command.Description?.Trim() ?? string.Empty,
                command.DataCategories ?? [],
                command.ApproximateDataSubjects,
                command.ContainmentActions?.Trim());
            db.Incidents.Add(incident);

            foreach (var recipient in recipients)
            {
                var type = recipient.Reason == RecipientReason.Reporter ? NotificationType.IncidentReceipt : NotificationType.IncidentReported;
                notifications.Add(new Notification(Guid.CreateVersion7(now), type, incident.Id, recipient.Name, recipient.Email, now,
                    reason: recipient.Reason, recipientOrganisation: recipient.Organisation, contactId: recipient.ContactId));
            }

            db.Notifications.AddRange(notifications);
            // Decided from the parties' contacts, not the de-duplicated recipients (a DPO may also be an officer).
            if (kind != IncidentKind.NearMiss && !counterparty.Contacts.Any(c => c.Active && c.Role == ContactRole.DesignatedOfficer))
            {
                db.Alerts.Add(new Alert(Guid.CreateVersion7(now), incident.Id, null,
                    $"{counterparty.Name} has no designated officer on record, so nobody there was told of {incident.Reference}. Add their designated officers and tell them directly.",
                    now));
            }

            if (!sil.Contacts.Any(c => c.Active && c.Role == ContactRole.Dpo))
            {
                db.Alerts.Add(new Alert(Guid.CreateVersion7(now), incident.Id, null,
                    $"SIL has no DPO on record, so no DPO was emailed about {incident.Reference}.", now));
            }

            planned = IcoReminderPlanner.Plan(db, incident, [], now);
            await audit.AppendAsync(incident.Id, "Reported", null, new
            {
                incident.Reference,
                incident.Kind,
                incident.DiscoveredAt,
                incident.AwareAt,
                incident.IcoDeadline,
                incident.Summary,
                Notified = notifications.Select(n => n.RecipientEmail),
            }, cancellationToken);
            if (webhooks is not null)
            {
                await webhooks.RaiseForIncidentAsync(incident, "Reported", now, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        webhooks?.AfterCommit();


        // After commit: ask for delivery and timers. If this fails the rows are still owed and the reconciler acts.
        JobRequests.Try(logger, notifications.Select(n => (Action)(() => scheduler.Enqueue(n.Id))));
        timers.AfterCommit(planned);

        return new ReportIncidentResult(
            incident.Id,
            incident.Reference,
            notifications.Select(n => new NotifiedRecipient(n.Id, n.RecipientName, n.RecipientEmail, n.Type, n.Reason, n.RecipientOrganisation)).ToList());
    }

    /// <summary>Makes sure the year's counter row exists before the reporting transaction, so that inside it the
    /// counter is only ever UPDATEd (two first-of-year reports racing to INSERT it would otherwise collide).</summary>
    private async Task EnsureCounterAsync(int year, CancellationToken cancellationToken)
    {
        if (await db.ReferenceCounters.AsNoTracking().AnyAsync(c => c.Year == year, cancellationToken))
        {
            return;
        }

        var counter = new ReferenceCounter(year, 0);
        db.ReferenceCounters.Add(counter);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(counter).State = EntityState.Detached;
            if (!await db.ReferenceCounters.AsNoTracking().AnyAsync(c => c.Year == year, cancellationToken))
            {
                throw;
            }

            // Another report created it first.
            return;
        }

        db.Entry(counter).State = EntityState.Detached;
    }

    /// <summary>Takes the next number of the year inside the caller's transaction. The UPDATE locks the counter
    /// row (SQL Server) or the database (SQLite, whose transactions begin IMMEDIATE) until commit, so
    /// concurrent reports queue here and a rollback gives the number back.</summary>
    private async Task<int> NextNumberAsync(int year, CancellationToken cancellationToken)
    {
        var updated = await db.ReferenceCounters
            .Where(c => c.Year == year)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastNumber, c => c.LastNumber + 1), cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException($"The reference counter for {year} is missing.");
        }

        return await db.ReferenceCounters.AsNoTracking()
            .Where(c => c.Year == year)
            .Select(c => c.LastNumber)
            .SingleAsync(cancellationToken);
    }
}
