using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Incidents;

[RequiresSignIn]
public sealed record GetIncidentQuery(Guid Id) : IRequest<IncidentDetails>;

public sealed record IncidentDetails(
    Guid Id,
    string Reference,
    IncidentKind Kind,
    IncidentStatus Status,
    OrganisationRef ReportingOrganisation,
    OrganisationRef CounterpartyOrganisation,
    Guid AgreementId,
    string ReportedBy,
    DateTimeOffset DiscoveredAt,
    DateTimeOffset ReportedAt,
    IcoClockView IcoClock,
    string Summary,
    string Description,
    IReadOnlyList<string> DataCategories,
    int? ApproximateDataSubjects,
    string ContainmentActions,
    IReadOnlyList<NotificationView> Notifications,
    IReadOnlyList<AlertView> Alerts,
    int Version,
    TriageView Triage,
    DecisionView? Decision,
    IReadOnlyList<IcoFilingView> IcoFilings,
    IReadOnlyList<DataSubjectNoticeView> DataSubjectNotices,
    IReadOnlyList<ActionView> Actions,
    ClosureView? Closure,
    IReadOnlyList<Evidence.AttachmentView> Attachments,
    IcoDutyView IcoDuty,
    IcoFacts? Facts = null,
    IReadOnlyList<IncidentUpdateView>? Updates = null)
{
    /// <summary>Set when it was reported through a reporting link by someone without an account ("reported via link"):
    /// the role and address they gave.</summary>
    public ReportedViaLinkView? ReportedViaLink { get; init; }

    /// <summary>How many of the answers the ICO's breach form asks for the record still lacks (<see cref="IcoRecordGaps"/>).</summary>
    public int IcoAnswersMissing { get; init; }

    /// <summary>Only the day of the discovery is known (<see cref="DiscoveredAt"/> is the start of that London day).</summary>
    public bool DiscoveredTimeUnknown { get; init; }
}

/// <summary>A report made through an organisation's reporting link: who the reporter said they were.</summary>
public sealed record ReportedViaLinkView(string Name, string Role, string Email);

public sealed record TriageView(TriageClassification? Classification, DateTimeOffset? TriagedAt, string? AssigneeUserId, string? Assignee, SeverityView? Severity);

public sealed record SeverityView(int DataProcessingContext, bool ChildrensData, double EaseOfIdentification, double Circumstances, double Score, SeverityLevel Level);

public sealed record DecisionView(bool PersonalDataOfLivingPeople, bool RiskLikely, bool HighRisk, DecisionOutcome Outcome, string Rationale, DateTimeOffset DecidedAt, string DecidedBy);

public sealed record IcoFilingView(Guid Id, FilingPhase Phase, DateTimeOffset SubmittedAt, string IcoCaseReference, bool Late, string? LateReason,
    string Nature, string DataSubjectCategories, int ApproximateDataSubjects, int? ApproximateRecords, string DpoContact, string LikelyConsequences, string Measures, string RecordedBy, bool FollowUpExpected = false);

public sealed record DataSubjectNoticeView(Guid Id, DateTimeOffset? NotifiedAt, NoticeMethod? Method, int? PeopleNotified, NoticeException? Exception, string? Notes, string RecordedBy);

public sealed record ActionView(Guid Id, ActionKind Kind, string Description, string AssignedTo, DateOnly? DueDate, bool Open, DateTimeOffset? CompletedAt, string? CompletedBy, string? CompletionNote);

public sealed record ClosureView(DateTimeOffset ClosedAt, string LessonsLearned, string? ClosureNote);

public sealed record OrganisationRef(Guid Id, string Name);

/// <summary>The ICO clock (kept for existing clients; <see cref="IncidentDetails.IcoDuty"/> has the duty's state).
/// <see cref="Applies"/> is false when triage found no personal data breach; <see cref="Overdue"/> and
/// <see cref="DecisionMissing"/> come from the one duty rule.</summary>
public sealed record IcoClockView(bool Applies, DateTimeOffset AwareAt, DateTimeOffset Deadline, double HoursLeft, bool Overdue, bool DecisionMissing);

public sealed record NotificationView(
    Guid Id,
    NotificationType Type,
    string RecipientName,
    string RecipientEmail,
    NotificationStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    RecipientReason? Reason = null,
    string? RecipientOrganisation = null,
    int? TemplateVersion = null,
    Guid? ResendOfNotificationId = null);

public sealed record AlertView(Guid Id, Guid? NotificationId, string Message, DateTimeOffset RaisedAt, DateTimeOffset? ResolvedAt = null, string? ResolvedBy = null);

public sealed class GetIncidentHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time)
    : IRequestHandler<GetIncidentQuery, IncidentDetails>
{
    public async ValueTask<IncidentDetails> Handle(GetIncidentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var incident = await db.Incidents.AsNoTracking().VisibleTo(user)
            .SingleOrDefaultAsync(i => i.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("There is no incident with that id that you may see.");

        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == incident.ReportingOrganisationId || o.Id == incident.CounterpartyOrganisationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

        var notifications = await db.Notifications.AsNoTracking()
            .Where(n => n.IncidentId == incident.Id)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id)
            .ToListAsync(cancellationToken);
        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.IncidentId == incident.Id)
            .OrderBy(a => a.RaisedAt)
            .ToListAsync(cancellationToken);

        var filings = await db.IcoFilings.AsNoTracking().Where(f => f.IncidentId == incident.Id).OrderBy(f => f.SubmittedAt).ToListAsync(cancellationToken);
        var notices = await db.DataSubjectNotices.AsNoTracking().Where(n => n.IncidentId == incident.Id).OrderBy(n => n.RecordedAt).ToListAsync(cancellationToken);
        var actions = await db.IncidentActions.AsNoTracking().Where(a => a.IncidentId == incident.Id).OrderBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        var attachments = await Evidence.ListAttachmentsHandler.List(db, incident.Id, cancellationToken);

        var now = time.GetUtcNow();
        var deadline = incident.IcoDeadline;
        var duty = IcoDuty.Of(incident, filings, now);
        var severity = incident.SeverityAssessment;
        return new IncidentDetails(
            incident.Id,
            incident.Reference,
            incident.Kind,
            incident.Status,
            new OrganisationRef(incident.ReportingOrganisationId, organisations.GetValueOrDefault(incident.ReportingOrganisationId, "")),
            new OrganisationRef(incident.CounterpartyOrganisationId, organisations.GetValueOrDefault(incident.CounterpartyOrganisationId, "")),
            incident.AgreementId,
            incident.ReporterName,
            incident.DiscoveredAt,
            incident.ReportedAt,
            new IcoClockView(
                incident.IcoClockApplies,
                incident.AwareAt,
                deadline,
                Math.Round(IcoClock.Remaining(deadline, now).TotalHours, 1),
                duty.Overdue,
                duty.State == IcoDutyState.DecisionOwed),
            incident.Summary,
            incident.Description,
            incident.DataCategories,
            incident.ApproximateDataSubjects,
            incident.ContainmentActions,
            notifications.Select(n => new NotificationView(
                n.Id, n.Type, n.RecipientName, n.RecipientEmail, n.Status, n.Attempts, n.CreatedAt, n.SentAt,
                n.Status == NotificationStatus.Pending ? n.NextAttemptAt : null, n.LastError, n.Reason, n.RecipientOrganisation, n.TemplateVersion, n.ResendOfNotificationId)).ToList(),
            alerts.Select(a => new AlertView(a.Id, a.NotificationId, a.Message, a.RaisedAt, a.ResolvedAt, a.ResolvedBy)).ToList(),
            incident.Version,
            new TriageView(incident.Classification, incident.TriagedAt, incident.AssigneeUserId, incident.AssigneeName,
                severity is null ? null : new SeverityView(severity.EffectiveContext, severity.ChildrensData, severity.EaseOfIdentification, severity.Circumstances, severity.Score, severity.Level)),
            incident.Decision is { } outcome
                ? new DecisionView(incident.DecisionPersonalData ?? false, incident.DecisionRiskLikely ?? false, incident.DecisionHighRisk ?? false, outcome,
                    incident.DecisionRationale ?? string.Empty, incident.DecidedAt ?? incident.ReportedAt, incident.DecidedBy ?? string.Empty)
                : null,
            filings.Select(f => new IcoFilingView(f.Id, f.Phase, f.SubmittedAt, f.CaseReference, f.IsLate(deadline), f.LateReason,
                f.Nature, f.DataSubjectCategories, f.ApproximateDataSubjects, f.ApproximateRecords, f.DpoContact, f.LikelyConsequences, f.Measures, f.RecordedBy, f.FollowUpExpected)).ToList(),
            notices.Select(n => new DataSubjectNoticeView(n.Id, n.NotifiedAt, n.Method, n.PeopleNotified, n.Exception, n.Notes, n.RecordedBy)).ToList(),
            actions.Select(a => new ActionView(a.Id, a.Kind, a.Description, a.AssignedTo, a.DueDate, a.IsOpen, a.CompletedAt, a.CompletedBy, a.CompletionNote)).ToList(),
            incident.ClosedAt is { } closedAt ? new ClosureView(closedAt, incident.LessonsLearned ?? string.Empty, incident.ClosureNote) : null,
            attachments,
            IcoDutyView.From(incident, duty),
            incident.Facts,
            await GetIcoSummaryHandler.Updates(db, incident.Id, cancellationToken))
        {
            IcoAnswersMissing = IcoRecordGaps.Of(incident, filings).Count,
            DiscoveredTimeUnknown = incident.DiscoveredTimeUnknown,
            ReportedViaLink = incident.ReportedViaLink ? new ReportedViaLinkView(incident.ReporterName, incident.ReporterRole ?? string.Empty, incident.ReporterEmail ?? string.Empty) : null,
        };
    }
}
