using Incidents.Application.Common.Interfaces;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Organisations;

public sealed record ListOrganisationsQuery : IRequest<IReadOnlyList<OrganisationView>>;

public sealed record OrganisationView(Guid Id, string Name, OrganisationKind Kind, string? Urn, IReadOnlyList<ContactView> Contacts);

public sealed record ContactView(string Name, string Email, ContactRole Role);

public sealed class ListOrganisationsHandler(IIncidentsDb db) : IRequestHandler<ListOrganisationsQuery, IReadOnlyList<OrganisationView>>
{
    public async ValueTask<IReadOnlyList<OrganisationView>> Handle(ListOrganisationsQuery query, CancellationToken cancellationToken)
    {
        var organisations = await db.Organisations.AsNoTracking()
            .Include(o => o.Contacts)
            .OrderBy(o => o.Kind).ThenBy(o => o.Name)
            .ToListAsync(cancellationToken);
        return organisations
            .Select(o => new OrganisationView(o.Id, o.Name, o.Kind, o.Urn,
                o.Contacts.OrderBy(c => c.Role).ThenBy(c => c.Name).Select(c => new ContactView(c.Name, c.Email, c.Role)).ToList()))
            .ToList();
    }
}
