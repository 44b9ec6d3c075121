using FluentValidation;
using FluentValidation.Results;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.NoticeTemplates;

/// <summary>Shows a template (saved or not) as a recipient would get it. For an incident notice it uses a real
/// incident (<see cref="IncidentReference"/>, or the latest) as the chosen recipient would see it; other notices use
/// fictional values. Nothing is saved or sent.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Only SIL's DPO and administrators may preview notice templates.")]
public sealed record PreviewNoticeQuery(string? Subject, string? Body, string? IncidentReference = null, RecipientReason? As = null) : IRequest<NoticePreview>
{
    public NotificationType Type { get; init; }
}

public sealed record NoticePreview(string Subject, string Text, string Html, string? IncidentReference);

public sealed class PreviewNoticeHandler(IIncidentsDb db, ICurrentUser user, NotificationSettings settings, TimeProvider time)
    : IRequestHandler<PreviewNoticeQuery, NoticePreview>
{
    public async ValueTask<NoticePreview> Handle(PreviewNoticeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var current = await new NoticeTemplateStore(db).CurrentAsync(query.Type, cancellationToken);
        var subject = string.IsNullOrWhiteSpace(query.Subject) ? current.Subject : query.Subject;
        var body = string.IsNullOrWhiteSpace(query.Body) ? current.Body : query.Body;
        var sample = NoticeFields.Sample(query.Type);
        var errors = NoticeRenderer.Validate(subject, body, sample);
        if (errors.Count > 0)
        {
            throw new ValidationException(errors.Select(e => new ValidationFailure(e.Field, e.ToString()) { CustomState = e }));
        }

        string? reference = null;
        var model = sample;
        if (query.Type is NotificationType.IncidentReported or NotificationType.IncidentReceipt)
        {
            var incidents = db.Incidents.AsNoTracking();
            var incident = string.IsNullOrWhiteSpace(query.IncidentReference)
                ? await incidents.OrderByDescending(i => i.ReportedAt).Select(i => new { i.Id, i.Reference, i.CounterpartyOrganisationId, i.ReportingOrganisationId }).FirstOrDefaultAsync(cancellationToken)
                : await incidents.Where(i => i.Reference == query.IncidentReference.Trim().ToUpperInvariant()).Select(i => new { i.Id, i.Reference, i.CounterpartyOrganisationId, i.ReportingOrganisationId }).FirstOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException($"There is no incident {query.IncidentReference.Trim()}.");
            if (incident is not null)
            {
                var reason = query.Type == NotificationType.IncidentReceipt ? RecipientReason.Reporter : query.As ?? RecipientReason.CounterpartyOfficer;
                var organisationId = reason is RecipientReason.CounterpartyOfficer ? incident.CounterpartyOrganisationId : incident.ReportingOrganisationId;
                var organisation = reason == RecipientReason.Dpo
                    ? await db.Organisations.Where(o => o.Kind == Domain.Organisations.OrganisationKind.Sil).Select(o => o.Name).FirstAsync(cancellationToken)
                    : await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).FirstAsync(cancellationToken);
                model = await new NoticeFields(db, settings, time).PreviewAsync(query.Type, incident.Id, user.DisplayName, "preview@example.org", organisation, reason, cancellationToken);
                reference = incident.Reference;
            }
        }

        var rendered = NoticeRenderer.Render(subject, body, model);
        return new NoticePreview(rendered.Subject, rendered.Text, rendered.Html, reference);
    }
}
