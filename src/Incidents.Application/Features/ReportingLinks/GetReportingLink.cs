using Incidents.Application.Common.Interfaces;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.ReportingLinks;

/// <summary>An organisation's reporting link, for an administrator to hand out.</summary>
public sealed record GetReportingLinkQuery(Guid OrganisationId) : IRequest<ReportingLinkView>;

public sealed class GetReportingLinkHandler(IIncidentsDb db, ICurrentUser user, ISecretProtector protector, NotificationSettings settings)
    : IRequestHandler<GetReportingLinkQuery, ReportingLinkView>
{
    public async ValueTask<ReportingLinkView> Handle(GetReportingLinkQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ReportingLinkRules.RequireAdmin(user);
        var organisation = await ReportingLinkRules.OrganisationAsync(db, query.OrganisationId, cancellationToken);
        var link = await db.Set<ReportingLink>().AsNoTracking().SingleOrDefaultAsync(l => l.OrganisationId == organisation.Id, cancellationToken);
        return ReportingLinkRules.View(organisation, link, protector, settings);
    }
}
