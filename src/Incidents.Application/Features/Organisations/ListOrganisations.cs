using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Organisations;

[RequiresSignIn]
public sealed record ListOrganisationsQuery : IRequest<IReadOnlyList<OrganisationView>>;

public sealed record OrganisationView(Guid Id, string Name, OrganisationKind Kind, string? Urn, IReadOnlyList<ContactView> Contacts);

public sealed record ContactView(string Name, string Email, ContactRole Role, Guid Id = default, bool Active = true);

/// <summary>SIL's people see every organisation; a school's people see their own and the parties they have an
/// agreement with (SIL), never other schools' contacts.</summary>
public sealed class ListOrganisationsHandler(IIncidentsDb db, ICurrentUser user) : IRequestHandler<ListOrganisationsQuery, IReadOnlyList<OrganisationView>>
{
    public async ValueTask<IReadOnlyList<OrganisationView>> Handle(ListOrganisationsQuery query, CancellationToken cancellationToken)
    {
        var me = user.OrganisationId;
        var isSil = await db.Organisations.AnyAsync(o => o.Id == me && o.Kind == OrganisationKind.Sil, cancellationToken);
        var visible = db.Organisations.AsNoTracking();
        if (!isSil)
        {
            visible = visible.Where(o => o.Id == me
                || db.Agreements.Any(a => a.Status != AgreementStatus.Terminated
                    && ((a.SchoolOrganisationId == me && a.SilOrganisationId == o.Id) || (a.SilOrganisationId == me && a.SchoolOrganisationId == o.Id))));
        }

        var organisations = await visible
            .Include(o => o.Contacts)
            .OrderBy(o => o.Kind == OrganisationKind.Sil ? 0 : 1).ThenBy(o => o.Name)
            .ToListAsync(cancellationToken);
        return organisations
            .Select(o => new OrganisationView(o.Id, o.Name, o.Kind, o.Urn,
                o.Contacts.OrderBy(c => c.Role).ThenBy(c => c.Name).Select(c => new ContactView(c.Name, c.Email, c.Role, c.Id, c.Active)).ToList()))
            .ToList();
    }
}
