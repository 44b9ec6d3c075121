using System.Globalization;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Agreements;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.NoticeTemplates;

/// <summary>
/// The merge fields of each notice type: what a template may name. <see cref="BuildAsync"/> fills them from the
/// notice's row and what it is about; <see cref="Sample"/> gives the same fields with fictional values, and is the
/// list the template editor shows and the validator checks against (one home for "which fields exist").
/// </summary>
public sealed class NoticeFields(IIncidentsDb db, NotificationSettings settings, TimeProvider time, IInviteLinks? invites = null)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Merge fields are short lower-case words; a dictionary of them is one object in the template.</summary>
    public static IReadOnlyList<string> Names(IReadOnlyDictionary<string, object?> model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.SelectMany(f => f.Value is IReadOnlyDictionary<string, object?> inner ? inner.Keys.Select(k => $"{f.Key}.{k}") : [f.Key]).ToList();
    }

    public static IReadOnlyList<NotificationType> Types { get; } = Enum.GetValues<NotificationType>();

    public async Task<Dictionary<string, object?>> BuildAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var recipient = Recipient(notification.RecipientName, notification.RecipientEmail, notification.RecipientOrganisation ?? string.Empty, notification.Reason);
        if (Discrepancies.DiscrepancyNoticeFields.Handles(notification.Type))
        {
            return await Discrepancies.DiscrepancyNoticeFields.BuildAsync(db, settings, notification, time.GetUtcNow(), cancellationToken);
        }

        switch (notification.Type)
        {
            case NotificationType.IncidentReported or NotificationType.IncidentReceipt:
            {
                var incident = await IncidentAsync(notification.IncidentId!.Value, cancellationToken);
                return Model(recipient, settings.IncidentLink(notification.IncidentId.Value), ("incident", incident), ("access", Access(settings.PublicUrl, notification.IncidentId.Value)));
            }

            case NotificationType.IcoReminder:
            {
                var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == notification.IncidentId, cancellationToken);
                var filings = await db.IcoFilings.AsNoTracking().Where(f => f.IncidentId == incident.Id).ToListAsync(cancellationToken);
                var now = time.GetUtcNow();
                var duty = IcoDuty.Of(incident, filings, now);
                return Model(recipient, settings.IncidentLink(incident.Id),
                    ("incident", Fields(("reference", incident.Reference), ("kind", incident.Kind.Describe()))),
                    ("ico", Ico(duty.Deadline ?? incident.IcoDeadline, now, duty.State == IcoDutyState.ReportOwed)));
            }

            case NotificationType.AgreementSuspended or NotificationType.SuspensionEndingSoon or NotificationType.AgreementReinstated:
            {
                var suspension = await db.Suspensions.AsNoTracking().SingleAsync(s => s.Id == notification.SuspensionId, cancellationToken);
                var agreement = await db.Agreements.AsNoTracking().SingleAsync(a => a.Id == suspension.AgreementId, cancellationToken);
                var names = await db.Organisations.AsNoTracking()
                    .Where(o => o.Id == agreement.SchoolOrganisationId || o.Id == agreement.SilOrganisationId)
                    .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
                var references = await db.Incidents.AsNoTracking().Where(i => suspension.IncidentIds.Contains(i.Id)).OrderBy(i => i.Reference).Select(i => i.Reference).ToListAsync(cancellationToken);
                return Model(recipient, AgreementLink(agreement.Id),
                    ("agreement", Fields(("school", names[agreement.SchoolOrganisationId]), ("sil", names[agreement.SilOrganisationId]))),
                    ("suspension", Suspension(
                        suspension.RenewedByName ?? suspension.SuspendedByName,
                        names.GetValueOrDefault(suspension.RenewedByOrganisationId ?? suspension.SuspendedByOrganisationId, string.Empty),
                        suspension.Reason, references, suspension.StartsAt, suspension.EndsAt, suspension.ReplacesSuspensionId is not null, suspension.EndReason)));
            }

            case NotificationType.AgreementReviewDue:
            {
                var agreement = await db.Agreements.AsNoTracking().SingleAsync(a => a.Id == notification.AgreementId, cancellationToken);
                var school = await db.Organisations.AsNoTracking().Where(o => o.Id == agreement.SchoolOrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
                var today = DateOnly.FromDateTime(LondonTime.ToLondon(notification.CreatedAt).DateTime);
                return Model(recipient, AgreementLink(agreement.Id),
                    ("agreement", Fields(("school", school), ("review_date", SuspensionCalendar.NextReviewDate(today).ToString("d MMMM yyyy", English)))));
            }

            case var complaintType when Complaints.ComplaintNoticeFields.Handles(complaintType):
                return await Complaints.ComplaintNoticeFields.BuildAsync(db, settings, notification, recipient, cancellationToken);

            case NotificationType.DeliveryFailed:
            {
                var failed = await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == notification.AboutNotificationId, cancellationToken);
                // The failed notice's own reference: its incident, complaint (CMP-) or data discrepancy (DSC-).
                var reference = failed switch
                {
                    { IncidentId: { } incidentId } => await db.Incidents.Where(i => i.Id == incidentId).Select(i => i.Reference).SingleOrDefaultAsync(cancellationToken),
                    { ComplaintId: { } complaintId } => await db.Set<Domain.Complaints.Complaint>().Where(c => c.Id == complaintId).Select(c => c.Reference).SingleOrDefaultAsync(cancellationToken),
                    { DiscrepancyId: { } discrepancyId } => await db.Set<Domain.Discrepancies.Discrepancy>().Where(d => d.Id == discrepancyId).Select(d => d.Reference).SingleOrDefaultAsync(cancellationToken),
                    _ => null,
                };
                return Model(recipient, NotificationLink(failed.Id),
                    ("failed", Failed(failed.RecipientName, failed.RecipientEmail, failed.Attempts, failed.LastError ?? "unknown", reference ?? "a notice", Describe(failed.Type))));
            }

            case NotificationType.RetentionReviewDue:
            {
                var count = await db.Set<Domain.Retention.IncidentRetention>().AsNoTracking().CountAsync(r => r.FlaggedAt != null && r.DeletedAt == null, cancellationToken);
                return Model(recipient, new Uri(settings.PublicUrl, "retention"), ("retention", Fields(("count", count.ToString(English)))));
            }

            case NotificationType.AccessRequested:
            {
                var pending = await db.Set<Domain.Access.AccessRequest>().AsNoTracking().CountAsync(r => r.Status == Domain.Access.AccessRequestStatus.Pending, cancellationToken);
                return Model(recipient, new Uri(settings.PublicUrl, "access-requests"), ("requests", Fields(("count", pending.ToString(English)))));
            }

            case NotificationType.AccountInvite:
            {
                // The set-password link is made now, as the email is written: no token is stored anywhere.
                var invite = invites is null ? null : await invites.ForAsync(notification.RecipientEmail, cancellationToken);
                return Model(recipient, invite ?? new Uri(settings.PublicUrl, "account/sign-in"),
                    ("account", Fields(("email", notification.RecipientEmail), ("when", LondonTime.Format(notification.CreatedAt)))));
            }

            default:
                return Model(recipient, new Uri(settings.PublicUrl, "account/password"),
                    ("account", Fields(("email", notification.RecipientEmail), ("when", LondonTime.Format(notification.CreatedAt)))));
        }
    }

    /// <summary>The type's merge fields with fictional values: for the editor's list and the validator.</summary>
    public static Dictionary<string, object?> Sample(NotificationType type)
    {
        var now = new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);
        var link = new Uri("https://incidents.example.org/incidents/00000000-0000-0000-0000-000000000000");
        var recipient = Recipient("Sam Officer", "officer@example.org", "School Improvement Liverpool",
            type is NotificationType.IncidentReceipt ? RecipientReason.Reporter : RecipientReason.CounterpartyOfficer);
        if (Discrepancies.DiscrepancyNoticeFields.Handles(type))
        {
            return Discrepancies.DiscrepancyNoticeFields.Sample(type);
        }

        return type switch
        {
            NotificationType.IncidentReported or NotificationType.IncidentReceipt => Model(recipient, link, ("incident", Incident(
                "INC-2026-00042", IncidentKind.ConfidentialityBreach, "Alpha Primary School", OrganisationKind.School, "School Improvement Liverpool",
                "Pat Reporter", now.AddHours(-2), now, now.AddHours(70), "Class list emailed to the wrong parent",
                "A spreadsheet with the names of a Year 4 class was sent to one parent.", ["Names", "Upn"], 28, "The parent was asked to delete it.",
                "Sam Officer (designated officer, School Improvement Liverpool), Dana Protection (data protection officer, School Improvement Liverpool)")),
                ("access", Access(new Uri("https://incidents.example.org/"), Guid.Empty))),
            NotificationType.IcoReminder => Model(recipient, link,
                ("incident", Fields(("reference", "INC-2026-00042"), ("kind", IncidentKind.ConfidentialityBreach.Describe()))), ("ico", Ico(now.AddHours(24), now, reportOwed: false))),
            NotificationType.AgreementSuspended or NotificationType.SuspensionEndingSoon or NotificationType.AgreementReinstated => Model(recipient, link,
                ("agreement", Fields(("school", "Alpha Primary School"), ("sil", "School Improvement Liverpool"))),
                ("suspension", Suspension("Dana Protection", "School Improvement Liverpool", "Repeated emails to the wrong parents.", ["INC-2026-00042"],
                    now, now.AddDays(30), false, null))),
            NotificationType.AgreementReviewDue => Model(recipient, link,
                ("agreement", Fields(("school", "Alpha Primary School"), ("review_date", "1 September 2027")))),
            _ when Complaints.ComplaintNoticeFields.Handles(type) => Complaints.ComplaintNoticeFields.Sample(type, recipient),
            NotificationType.DeliveryFailed => Model(recipient, link,
                ("failed", Failed("Alex Head", "head@school.example.org", 3, "550 5.1.1 mailbox unavailable", "INC-2026-00042", Describe(NotificationType.IncidentReported)))),
            NotificationType.RetentionReviewDue => Model(recipient, new Uri("https://incidents.example.org/retention"), ("retention", Fields(("count", "3")))),
            NotificationType.AccessRequested => Model(recipient, new Uri("https://incidents.example.org/access-requests"), ("requests", Fields(("count", "1")))),
            NotificationType.AccountInvite => Model(recipient, new Uri("https://incidents.example.org/account/set-password?user=example&token=example"),
                ("account", Fields(("email", "officer@example.org"), ("when", LondonTime.Format(now))))),
            _ => Model(recipient, link, ("account", Fields(("email", "officer@example.org"), ("when", LondonTime.Format(now))))),
        };
    }

    /// <summary>A real incident's fields as the given recipient would get them: for the editor's preview.</summary>
    public async Task<Dictionary<string, object?>> PreviewAsync(NotificationType type, Guid incidentId, string name, string email, string organisation, RecipientReason reason, CancellationToken cancellationToken)
    {
        var incident = await IncidentAsync(incidentId, cancellationToken);
        return Model(Recipient(name, email, organisation, reason), settings.IncidentLink(incidentId), ("incident", incident), ("access", Access(settings.PublicUrl, incidentId)));
    }

    public static string Describe(NotificationType type) => type switch
    {
        NotificationType.IncidentReported => "Incident reported (to the officers and the DPO)",
        NotificationType.IncidentReceipt => "Receipt to the reporter",
        NotificationType.DeliveryFailed => "A notice could not be delivered",
        NotificationType.IcoReminder => "ICO deadline reminder",
        NotificationType.AgreementSuspended => "Agreement suspended (or renewed)",
        NotificationType.SuspensionEndingSoon => "Suspension ends soon",
        NotificationType.AgreementReinstated => "Agreement reinstated",
        NotificationType.AgreementReviewDue => "Annual review due",
        NotificationType.SignInAttempts => "Someone is trying to sign in",
        NotificationType.AccountDisabled => "Account disabled",
        NotificationType.AccountEnabled => "Account re-enabled",
        NotificationType.PasswordReset => "Password reset by an administrator",
        _ when Complaints.ComplaintNoticeFields.Handles(type) => Complaints.ComplaintNoticeFields.Describe(type),
        _ when Discrepancies.DiscrepancyNoticeFields.Handles(type) => Discrepancies.DiscrepancyNoticeFields.Describe(type),
        NotificationType.RetentionReviewDue => "Records due for retention review",
        NotificationType.AccessRequested => "Someone asked for an account (to administrators)",
        NotificationType.AccountInvite => "Invitation to set a password (access approved)",
        _ => type.ToString(),
    };

    public static string ReasonCode(RecipientReason? reason) => reason switch
    {
        RecipientReason.CounterpartyOfficer => "counterparty_officer",
        RecipientReason.Dpo => "dpo",
        RecipientReason.OwnOfficer => "own_officer",
        RecipientReason.Reporter => "reporter",
        _ => string.Empty,
    };

    /// <summary>How a recipient's role reads on the confirmation page and in the notice.</summary>
    public static string DescribeReason(RecipientReason? reason) => reason switch
    {
        RecipientReason.CounterpartyOfficer => "designated officer of the other party (clause 11.4)",
        RecipientReason.Dpo => "SIL's data protection officer (clause 11.5)",
        RecipientReason.OwnOfficer => "designated officer of the reporting organisation",
        RecipientReason.Reporter => "the reporter (a receipt)",
        _ => string.Empty,
    };

    private async Task<Dictionary<string, object?>> IncidentAsync(Guid incidentId, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incidentId, cancellationToken);
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == incident.ReportingOrganisationId || o.Id == incident.CounterpartyOrganisationId)
            .ToDictionaryAsync(o => o.Id, cancellationToken);
        var told = await db.Notifications.AsNoTracking()
            .Where(n => n.IncidentId == incidentId && n.Type == NotificationType.IncidentReported && n.ResendOfNotificationId == null)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .Select(n => new { n.RecipientName, n.RecipientOrganisation, n.Reason })
            .ToListAsync(cancellationToken);
        var notified = string.Join(", ", told.Select(t => $"{t.RecipientName} ({ShortRole(t.Reason)}{(string.IsNullOrEmpty(t.RecipientOrganisation) ? string.Empty : ", " + t.RecipientOrganisation)})"));
        var reporting = organisations[incident.ReportingOrganisationId];
        return Incident(incident.Reference, incident.Kind, reporting.Name, reporting.Kind, organisations[incident.CounterpartyOrganisationId].Name,
            incident.ReporterName, incident.DiscoveredAt, incident.ReportedAt, incident.IcoDeadline, incident.Summary, incident.Description,
            incident.DataCategories, incident.ApproximateDataSubjects, incident.ContainmentActions, notified, incident.ReportedViaLink, incident.ReporterRole,
            incident.DiscoveredTimeUnknown);

        static string ShortRole(RecipientReason? reason) => reason == RecipientReason.Dpo ? "data protection officer" : "designated officer";
    }

    private static Dictionary<string, object?> Incident(
        string reference, IncidentKind kind, string reporting, OrganisationKind reportingKind, string counterparty, string reportedBy,
        DateTimeOffset discoveredAt, DateTimeOffset reportedAt, DateTimeOffset icoDeadline, string summary, string description,
        IReadOnlyList<string> categories, int? people, string containment, string notified, bool viaLink = false, string? reporterRole = null,
        bool discoveredTimeUnknown = false)
    {
        // The deadline a subject line carries: the ICO's 72 hours for a breach, the 30-day acknowledgement for a complaint.
        var (label, deadline) = kind switch
        {
            _ when kind.IsBreach() => ("ICO deadline", LondonTime.Format(icoDeadline)),
            IncidentKind.Complaint => ("acknowledge by", LondonTime.Format(reportedAt.AddDays(30))),
            _ => (string.Empty, string.Empty),
        };
        return Fields(
            ("reference", reference),
            ("kind", kind.Describe()),
            ("kind_code", kind.ToString()),
            ("is_breach", kind.IsBreach()),
            ("reporting_organisation", reporting),
            ("counterparty_organisation", counterparty),
            ("school", reportingKind == OrganisationKind.School ? reporting : counterparty),
            ("reported_by", reportedBy),
            ("discovered_at", LondonTime.Format(discoveredAt, discoveredTimeUnknown)),
            ("reported_at", LondonTime.Format(reportedAt)),
            ("ico_deadline", LondonTime.Format(icoDeadline)),
            ("deadline_label", label),
            ("deadline", deadline),
            ("categories", categories.Count == 0 ? "Not stated" : string.Join(", ", categories.Select(c => DataCategory.All.FirstOrDefault(d => d.Code == c)?.Label ?? c))),
            ("people", people?.ToString("N0", English) ?? "Not stated"),
            ("summary", summary),
            ("description", description),
            ("containment_actions", containment),
            ("notified", notified),
            // Reported through the organisation's reporting link by someone without an account (who cannot open the incident).
            ("reported_via_link", viaLink),
            ("reporter_role", reporterRole ?? string.Empty));
    }

    private static Dictionary<string, object?> Recipient(string name, string email, string organisation, RecipientReason? reason) => Fields(
        ("name", name), ("email", email), ("organisation", organisation), ("reason", ReasonCode(reason)), ("role", DescribeReason(reason)));

    /// <summary>The ICO reminder's fields, from what the one duty rule (<see cref="IcoDuty"/>) says is owed: a decision,
    /// or the initial report after a decision to report. Times are in words ("1 day 23 hours left").</summary>
    public static Dictionary<string, object?> Ico(DateTimeOffset deadline, DateTimeOffset now, bool reportOwed)
    {
        var left = deadline - now;
        return Fields(
            ("deadline", LondonTime.Format(deadline)),
            ("overdue", left <= TimeSpan.Zero),
            ("report_owed", reportOwed),
            ("left", left > TimeSpan.Zero ? DurationWords.Left(left) : string.Empty),
            ("overdue_by", left <= TimeSpan.Zero ? DurationWords.OverdueBy(-left) : string.Empty),
            ("hours_left", Math.Max(1, (int)Math.Round(left.TotalHours))));
    }

    private static Dictionary<string, object?> Suspension(string by, string party, string reason, IReadOnlyList<string> incidents, DateTimeOffset startsAt, DateTimeOffset endsAt, bool renewal, string? endReason) => Fields(
        ("suspended_by", by),
        ("suspending_party", party),
        ("reason", reason),
        ("incidents", incidents.Count == 0 ? "none linked" : string.Join(", ", incidents)),
        ("starts_at", LondonTime.Format(startsAt)),
        ("ends_at", LondonTime.Format(endsAt)),
        ("renewal", renewal),
        ("end_reason", endReason ?? string.Empty));

    private static Dictionary<string, object?> Failed(string name, string email, int attempts, string error, string about, string type) => Fields(
        ("recipient_name", name), ("recipient_email", email), ("attempts", attempts), ("last_error", error), ("about", about), ("notice", type));

    private static Dictionary<string, object?> Model(Dictionary<string, object?> recipient, Uri link, params (string Name, Dictionary<string, object?> Value)[] objects)
    {
        var model = new Dictionary<string, object?>(StringComparer.Ordinal) { ["recipient"] = recipient, ["link"] = link.ToString() };
        foreach (var (name, value) in objects)
        {
            model[name] = value;
        }

        return model;
    }

    private static Dictionary<string, object?> Fields(params (string Name, object? Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);

    /// <summary>Where someone without an account asks for one, from an incident's notice (the incident is kept with the request).</summary>
    private static Dictionary<string, object?> Access(Uri publicUrl, Guid incidentId) =>
        Fields(("link", new Uri(publicUrl, $"account/request-access?returnUrl=%2Fincidents%2F{incidentId}").ToString()));

    private Uri AgreementLink(Guid agreementId) => new(settings.PublicUrl, $"agreements/{agreementId}");

    private Uri NotificationLink(Guid notificationId) => new(settings.PublicUrl, $"notifications/{notificationId}");
}
