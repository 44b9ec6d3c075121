using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Organisations;

[RequiresSignIn]
public sealed record ListOrganisationsQuery : IRequest<IReadOnlyList<OrganisationView>>;

public sealed record OrganisationView(Guid Id, string Name, OrganisationKind Kind, string? Urn, IReadOnlyList<ContactView> Contacts);

/// <summary>A contact as the API shows it. No parameter of a response type may have a default of a struct type such as
/// Guid: the OpenAPI schema exporter writes a constructor parameter's default value into the schema, and `Guid Id = default`
/// reaches it as null, which failed the whole document ("could not be converted to System.Guid").</summary>
public sealed record ContactView(string Name, string Email, ContactRole Role, Guid Id, bool Active);

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
