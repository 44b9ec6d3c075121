using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.ReportingLinks;

/// <summary>What the report form needs when it is opened through a reporting link (nobody signed in): whose link it
/// is and the parties that organisation has an agreement with. An unknown, rotated or disabled link is a 404.</summary>
[SentWithoutUser("Anyone holding a reporting link; the token is the proof and an unknown or turned-off one is a 404.")]
public sealed record GetLinkReportFormQuery(string? Token) : IRequest<LinkReportForm>;

public sealed record LinkReportForm(Guid OrganisationId, string OrganisationName, IReadOnlyList<LinkCounterparty> Counterparties);

public sealed record LinkCounterparty(Guid Id, string Name);

public sealed class GetLinkReportFormHandler(IIncidentsDb db) : IRequestHandler<GetLinkReportFormQuery, LinkReportForm>
{
    public async ValueTask<LinkReportForm> Handle(GetLinkReportFormQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var link = await ReportingLinkRules.FindEnabledAsync(db, query.Token, cancellationToken) ?? throw new NotFoundException("There is no such reporting link.");
        var me = link.OrganisationId;
        var name = await db.Organisations.AsNoTracking().Where(o => o.Id == me).Select(o => o.Name).SingleAsync(cancellationToken);
        var otherIds = await db.Agreements.AsNoTracking()
            .Where(a => a.Status != AgreementStatus.Terminated && (a.SchoolOrganisationId == me || a.SilOrganisationId == me))
            .Select(a => a.SchoolOrganisationId == me ? a.SilOrganisationId : a.SchoolOrganisationId)
            .Distinct()
            .ToListAsync(cancellationToken);
        var parties = await db.Organisations.AsNoTracking().Where(o => otherIds.Contains(o.Id))
            .Select(o => new LinkCounterparty(o.Id, o.Name)).ToListAsync(cancellationToken);
        return new LinkReportForm(me, name, parties.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList());
    }
}
