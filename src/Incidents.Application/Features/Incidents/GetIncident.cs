using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Incidents;

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
    IReadOnlyList<AlertView> Alerts);

public sealed record OrganisationRef(Guid Id, string Name);

public sealed record IcoClockView(DateTimeOffset AwareAt, DateTimeOffset Deadline, double HoursLeft, bool Overdue);

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
    string? LastError);

public sealed record AlertView(Guid Id, Guid? NotificationId, string Message, DateTimeOffset RaisedAt);

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

        var now = time.GetUtcNow();
        var deadline = incident.IcoDeadline;
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
            new IcoClockView(incident.AwareAt, deadline, Math.Round(IcoClock.Remaining(deadline, now).TotalHours, 1), IcoClock.IsOverdue(deadline, now)),
            incident.Summary,
            incident.Description,
            incident.DataCategories,
            incident.ApproximateDataSubjects,
            incident.ContainmentActions,
            notifications.Select(n => new NotificationView(
                n.Id, n.Type, n.RecipientName, n.RecipientEmail, n.Status, n.Attempts, n.CreatedAt, n.SentAt,
                n.Status == NotificationStatus.Pending ? n.NextAttemptAt : null, n.LastError)).ToList(),
            alerts.Select(a => new AlertView(a.Id, a.NotificationId, a.Message, a.RaisedAt)).ToList());
    }
}
