using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.NoticeTemplates;
using Incidents.Application.Features.Organisations;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Notifications;

/// <summary>One notice, for SIL's DPO and administrators: what it was, where it went, why it failed, the contact it
/// was addressed from as it now stands, and whether it may be resent (the page the delivery-failure email links to).</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "There is no notice with that id that you may see.", DenyAsNotFound = true)]
public sealed record GetNotificationQuery(Guid Id) : IRequest<NotificationDetails>;

public sealed record NotificationDetails(
    Guid Id,
    NotificationType Type,
    string Notice,
    string RecipientName,
    string RecipientEmail,
    string? RecipientOrganisation,
    string? Why,
    NotificationStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    string? LastError,
    int? TemplateVersion,
    Guid? IncidentId,
    string? IncidentReference,
    Guid? AgreementId,
    ContactView? Contact,
    Guid? ResendOfNotificationId,
    Guid? ResentAs,
    bool CanResend,
    IReadOnlyList<NotificationAlertView> Alerts);

public sealed record NotificationAlertView(Guid Id, string Message, DateTimeOffset RaisedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy);

public sealed class GetNotificationHandler(IIncidentsDb db) : IRequestHandler<GetNotificationQuery, NotificationDetails>
{
    public async ValueTask<NotificationDetails> Handle(GetNotificationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);

        var n = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("There is no notice with that id that you may see.");
        var reference = n.IncidentId is { } incidentId ? await db.Incidents.Where(i => i.Id == incidentId).Select(i => i.Reference).SingleOrDefaultAsync(cancellationToken) : null;
        var agreementId = n.AgreementId
            ?? (n.SuspensionId is { } suspensionId ? await db.Suspensions.Where(s => s.Id == suspensionId).Select(s => (Guid?)s.AgreementId).SingleOrDefaultAsync(cancellationToken) : null);
        var contact = n.ContactId is { } contactId
            ? await db.Contacts.AsNoTracking().Where(c => c.Id == contactId).Select(c => new ContactView(c.Name, c.Email, c.Role, c.Id, c.Active)).SingleOrDefaultAsync(cancellationToken)
            : null;
        var resentAs = await db.Notifications.Where(x => x.ResendOfNotificationId == n.Id).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(cancellationToken);
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.NotificationId == n.Id).OrderBy(a => a.RaisedAt)
            .Select(a => new NotificationAlertView(a.Id, a.Message, a.RaisedAt, a.ResolvedAt, a.ResolvedBy)).ToListAsync(cancellationToken);
        return new NotificationDetails(n.Id, n.Type, NoticeFields.Describe(n.Type), n.RecipientName, n.RecipientEmail, n.RecipientOrganisation,
            n.Reason is null ? null : NoticeFields.DescribeReason(n.Reason), n.Status, n.Attempts, n.CreatedAt, n.SentAt, n.LastError, n.TemplateVersion,
            n.IncidentId, reference, agreementId, contact, n.ResendOfNotificationId, resentAs,
            n.Status == NotificationStatus.Failed && resentAs is null && contact is not { Active: false }, alerts);
    }
}
