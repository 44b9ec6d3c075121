using FluentValidation;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Incidents;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Triage;

/// <summary>The DPO's queue: open incidents, most urgent first (a decision or the initial report to the ICO still owed,
/// on the clock that runs out soonest), with filters. Overdue is the one duty rule's (<see cref="IcoDuty"/>), through the
/// incident's stored <see cref="Incident.NextDeadline"/>: ordered and paged in the database, not in memory.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "The triage queue is for SIL's DPO and administrators.")]
public sealed record TriageQueueQuery(
    IncidentStatus? Status = null,
    IncidentKind? Kind = null,
    Guid? OrganisationId = null,
    bool? Overdue = null,
    int Page = 1,
    int PageSize = 50) : IRequest<Incidents.PagedList<TriageQueueItem>>;

public sealed record TriageQueueItem(
    Guid Id,
    string Reference,
    IncidentKind Kind,
    TriageClassification? Classification,
    IncidentStatus Status,
    Guid ReportingOrganisationId,
    string ReportingOrganisation,
    string Summary,
    string? Assignee,
    SeverityLevel? Severity,
    DateTimeOffset ReportedAt,
    DateTimeOffset? IcoDeadline,
    double? HoursLeft,
    bool Overdue,
    bool DecisionMissing,
    int Version,
    IcoDutyView? IcoDuty = null,
    DateTimeOffset? NextDeadline = null);

public sealed class TriageQueueValidator : AbstractValidator<TriageQueueQuery>
{
    public TriageQueueValidator()
    {
        RuleFor(q => q.Status).IsInEnum();
        RuleFor(q => q.Kind).IsInEnum();
        RuleFor(q => q.Page).InclusiveBetween(1, 1_000_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, 200);
    }
}

public sealed class TriageQueueHandler(IIncidentsDb db, TimeProvider time)
    : IRequestHandler<TriageQueueQuery, Incidents.PagedList<TriageQueueItem>>
{
    public async ValueTask<Incidents.PagedList<TriageQueueItem>> Handle(TriageQueueQuery q, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(q);

        var now = time.GetUtcNow();
        // "Open" as a list of statuses, not "not Closed", so the Status index serves it.
        IncidentStatus[] openStatuses = [IncidentStatus.Reported, IncidentStatus.Triaged];
        var open = db.Incidents.AsNoTracking().Where(i => openStatuses.Contains(i.Status));
        if (q.Status is { } status)
        {
            open = open.Where(i => i.Status == status);
        }

        if (q.Kind is { } kind)
        {
            open = open.Where(i => i.Kind == kind);
        }

        if (q.OrganisationId is { } organisation)
        {
            open = open.Where(i => i.ReportingOrganisationId == organisation || i.CounterpartyOrganisationId == organisation);
        }

        if (q.Overdue is { } wantOverdue)
        {
            // Overdue is the duty rule's: owed on an open incident and past the deadline, which is the stored next deadline.
            open = wantOverdue
                ? open.Where(i => i.NextDeadline != null && i.NextDeadline < now)
                : open.Where(i => i.NextDeadline == null || i.NextDeadline >= now);
        }

        var total = await open.CountAsync(cancellationToken);

        // Owed first (a decision or the initial report), soonest deadline first; then the rest with an ICO clock by its
        // deadline, then by severity and age. Ordered and paged in the database (IX_Incidents_TriageQueue covers it).
        IncidentKind[] breachKinds = [.. Enum.GetValues<IncidentKind>().Where(k => k.IsBreach())];
        var pageIds = await open
            .OrderBy(i => i.NextDeadline == null ? 1 : 0)
            .ThenBy(i => i.NextDeadline)
            .ThenBy(i => i.Classification == TriageClassification.PersonalDataBreach || (i.Classification == null && breachKinds.Contains(i.Kind)) ? 0 : 1)
            .ThenBy(i => i.Classification == TriageClassification.PersonalDataBreach || (i.Classification == null && breachKinds.Contains(i.Kind)) ? i.AwareAt : (DateTimeOffset?)null)
            .ThenByDescending(i => i.Severity == SeverityLevel.VeryHigh ? 4 : i.Severity == SeverityLevel.High ? 3 : i.Severity == SeverityLevel.Medium ? 2 : i.Severity == SeverityLevel.Low ? 1 : 0)
            .ThenBy(i => i.ReportedAt)
            .ThenBy(i => i.Id)
            .Select(i => i.Id)
            .Skip((q.Page - 1) * q.PageSize)
            .Take(q.PageSize)
            .ToListAsync(cancellationToken);

        var rows = (await db.Incidents.AsNoTracking().Where(i => pageIds.Contains(i.Id)).Select(i => new
        {
            Incident = i,
            Organisation = db.Organisations.Where(o => o.Id == i.ReportingOrganisationId).Select(o => o.Name).FirstOrDefault(),
        }).ToListAsync(cancellationToken)).ToDictionary(r => r.Incident.Id);
        var filings = (await db.IcoFilings.AsNoTracking().Where(f => pageIds.Contains(f.IncidentId)).ToListAsync(cancellationToken))
            .ToLookup(f => f.IncidentId);

        var items = pageIds.Where(rows.ContainsKey).Select(id =>
        {
            var r = rows[id];
            var i = r.Incident;
            var clock = i.IcoClockApplies;
            var duty = IcoDuty.Of(i, filings[i.Id], now);
            return new TriageQueueItem(
                i.Id, i.Reference, i.Kind, i.Classification, i.Status, i.ReportingOrganisationId, r.Organisation ?? string.Empty,
                i.Summary, i.AssigneeName, i.Severity, i.ReportedAt,
                clock ? i.IcoDeadline : null,
                clock ? Math.Round(IcoClock.Remaining(i.IcoDeadline, now).TotalHours, 1) : null,
                duty.Overdue, duty.State == IcoDutyState.DecisionOwed, i.Version, IcoDutyView.From(i, duty), i.NextDeadline);
        }).ToList();
        return new Incidents.PagedList<TriageQueueItem>(items, q.Page, q.PageSize, total);
    }
}
