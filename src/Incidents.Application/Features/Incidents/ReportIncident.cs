using Incidents.Application.Common;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Common.Timers;
using Incidents.Application.Features.ReportingLinks;
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
[RequiresSignIn]
public sealed record ReportIncidentCommand(
    IncidentKind? Kind,
    Guid? CounterpartyOrganisationId,
    DateTimeOffset? DiscoveredAt,
    string? Summary,
    string? Description,
    IReadOnlyList<string>? DataCategories,
    int? ApproximateDataSubjects,
    string? ContainmentActions = null,
    // What the ICO's breach form asks that a reporter may know (all optional; SIL's DPO completes the rest).
    HappenedAnswer? Happened = null,
    DateTimeOffset? HappenedFrom = null,
    DateTimeOffset? HappenedTo = null,
    string? HowDiscovered = null,
    string? StaffRole = null,
    TrainingAnswer? StaffTraining = null,
    DateOnly? StaffTrainedOn = null,
    IReadOnlyList<string>? PeopleCategories = null,
    string? PeopleCategoriesOther = null,
    int? ApproximateRecords = null,
    string? LikelyConsequences = null,
    string? MeasuresBefore = null,
    // Only the day of HappenedFrom / HappenedTo is known ("I do not know the time"): kept as the start of that London day.
    bool HappenedFromTimeUnknown = false,
    bool HappenedToTimeUnknown = false,
    // Only the day of DiscoveredAt is known: kept as the start of that London day (the ICO clock runs from it).
    bool DiscoveredTimeUnknown = false) : IRequest<ReportIncidentResult>, IMayProveAccessOtherwise
{
    /// <summary>Set only by the report form opened through a reporting link (never read from an API body): the link's
    /// token decides the reporting organisation, and the reporter is who they say, with the address for their receipt.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public LinkReporter? ViaLink { get; init; }

    /// <summary>Someone without an account may send it through a reporting link: the handler finds the link by its token
    /// or answers 404.</summary>
    bool IMayProveAccessOtherwise.CarriesOtherProof => ViaLink is not null;

    /// <summary>The facts the reporter gave, as the incident records them.</summary>
    public IcoFacts ReportedFacts() => new(Happened, HappenedFrom, HappenedTo, HowDiscovered, StaffRole, StaffTraining, StaffTrainedOn,
        PeopleCategories, PeopleCategoriesOther, ApproximateRecords, LikelyConsequences, MeasuresBefore,
        HappenedFromTimeUnknown: HappenedFromTimeUnknown, HappenedToTimeUnknown: HappenedToTimeUnknown);
}

/// <summary>Someone without an account reporting through an organisation's reporting link. <see cref="Email"/> gets
/// the reporter's own receipt and nothing else; it never chooses any other recipient.</summary>
public sealed record LinkReporter(string? Token, string? Name, string? Role, string? Email);

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
    ReportLookups lookups,
    YearCounterRows counterRows,
    Webhooks.WebhookOutbox? webhooks = null) : IRequestHandler<ReportIncidentCommand, ReportIncidentResult>
{
    public async ValueTask<ReportIncidentResult> Handle(ReportIncidentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var kind = command.Kind!.Value;
        var counterpartyId = command.CounterpartyOrganisationId!.Value;
        // Through a reporting link the token names the organisation; otherwise it is the signed-in user's.
        var link = command.ViaLink is { } via
            ? await ReportingLinkRules.FindEnabledAsync(db, via.Token, cancellationToken) ?? throw new NotFoundException("There is no such reporting link.")
            : null;
        var reporterOrganisationId = link?.OrganisationId ?? user.OrganisationId;
        var reporterUserId = link?.ReporterUserId ?? user.UserId;
        var reporterName = link is null ? user.DisplayName : command.ViaLink!.Name!.Trim();

        // The validator found this agreement (the same scoped lookup answers here without another query).
        var agreementId = await lookups.AgreementAsync(reporterOrganisationId, counterpartyId, cancellationToken)
            ?? throw new InvalidOperationException("The validator checks that the agreement exists.");
        var (reporting, counterparty, sil) = await lookups.PartiesAsync(reporterOrganisationId, counterpartyId, cancellationToken);
        // The reporter's address is their account's, never one given in the report.
        // Through a reporting link it is the address the reporter gave, and it only ever gets their own receipt.
        var reporterEmail = link is null
            ? await db.Set<ApplicationUser>().AsNoTracking().Where(u => u.Id == user.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken)
            : command.ViaLink!.Email!.Trim();
        var recipients = NotificationRouting.NoticesFor(kind, reporting, counterparty, sil, reporterName, reporterEmail);

        var now = time.GetUtcNow();
        var year = LondonTime.ToLondon(now).Year;

        await YearCounters.EnsureAsync(db, year, y => new ReferenceCounter(y, 0), cancellationToken, counterRows);

        var notifications = new List<Notification>();
        IReadOnlyList<DurableTimer> planned;
        Incident incident;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var number = await YearCounters.NextAsync<ReferenceCounter>(db, year, cancellationToken);
            incident = new Incident(
                Guid.CreateVersion7(now),
                Reference.Format(year, number),
                kind,
                agreementId,
                reporterOrganisationId,
                counterpartyId,
                reporterUserId,
                reporterName,
                command.DiscoveredAt!.Value > now ? now : command.DiscoveredAt.Value,
                now,
                command.Summary!.Trim(),
                command.Description?.Trim() ?? string.Empty,
                command.DataCategories ?? [],
                command.ApproximateDataSubjects,
                command.ContainmentActions?.Trim(),
                command.DiscoveredTimeUnknown);
            incident.DescribeAtReport(command.ReportedFacts(), now);
            if (link is not null)
            {
                incident.MarkReportedViaLink(link.Id, command.ViaLink!.Role!, reporterEmail!);
            }

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
            var reported = new
            {
                incident.Reference,
                incident.Kind,
                incident.DiscoveredAt,
                incident.AwareAt,
                incident.IcoDeadline,
                incident.Summary,
                Notified = notifications.Select(n => n.RecipientEmail),
                ReportedVia = link is null ? null : "Reporting link",
                incident.ReporterRole,
            };
            if (link is null)
            {
                await audit.AppendAsync(incident.Id, "Reported", null, reported, cancellationToken);
            }
            else
            {
                // The reporter has no account: the audit names them as they gave it, and the link they used.
                await audit.AppendByAsync(incident.Id, link.ReporterUserId, $"{reporterName} ({incident.ReporterRole}, reported via link)", "Reported", null, reported, cancellationToken);
            }

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
}
