using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.AccessRequests;

/// <summary>The organisations a requester may choose from on the request-access form: names only (SIL and its schools
/// are public bodies; no contact is shown).</summary>
[SentWithoutUser("The request-access form lists organisations by name for someone without an account.")]
public sealed record ListAccessOrganisationsQuery : IRequest<IReadOnlyList<AccessOrganisation>>;

public sealed record AccessOrganisation(Guid Id, string Name);

public sealed class ListAccessOrganisationsHandler(IIncidentsDb db) : IRequestHandler<ListAccessOrganisationsQuery, IReadOnlyList<AccessOrganisation>>
{
    public async ValueTask<IReadOnlyList<AccessOrganisation>> Handle(ListAccessOrganisationsQuery query, CancellationToken cancellationToken) =>
        (await db.Organisations.AsNoTracking().Select(o => new AccessOrganisation(o.Id, o.Name)).ToListAsync(cancellationToken))
            .OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToList();
}
