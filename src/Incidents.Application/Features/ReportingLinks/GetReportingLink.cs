using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.ReportingLinks;

/// <summary>An organisation's reporting link, for an administrator to hand out.</summary>
[RequiresRole(Roles.Admin, Message = "Only an administrator may manage reporting links.")]
public sealed record GetReportingLinkQuery(Guid OrganisationId) : IRequest<ReportingLinkView>;

public sealed class GetReportingLinkHandler(IIncidentsDb db, ISecretProtector protector, NotificationSettings settings)
    : IRequestHandler<GetReportingLinkQuery, ReportingLinkView>
{
    public async ValueTask<ReportingLinkView> Handle(GetReportingLinkQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var organisation = await ReportingLinkRules.OrganisationAsync(db, query.OrganisationId, cancellationToken);
        var link = await db.Set<ReportingLink>().AsNoTracking().SingleOrDefaultAsync(l => l.OrganisationId == organisation.Id, cancellationToken);
        return ReportingLinkRules.View(organisation, link, protector, settings);
    }
}
