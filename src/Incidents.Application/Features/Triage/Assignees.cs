using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Triage;

/// <summary>Who may own an incident: SIL's DPO, SIL's designated officers and administrators. The one home of that rule:
/// the triage command checks it and the triage form lists from it.</summary>
public static class Assignees
{
    private static readonly string[] AssignableRoles = [Roles.Dpo, Roles.DesignatedOfficer, Roles.Admin];

    public static async Task<bool> MayOwnAsync(UserManager<ApplicationUser> users, IIncidentsDb db, ApplicationUser person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(person);
        if (!await db.Organisations.AnyAsync(o => o.Id == person.OrganisationId && o.Kind == OrganisationKind.Sil, cancellationToken))
        {
            return false;
        }

        foreach (var role in AssignableRoles)
        {
            if (await users.IsInRoleAsync(person, role))
            {
                return true;
            }
        }

        return false;
    }

    public static async Task<IReadOnlyList<AssigneeOption>> ListAsync(UserManager<ApplicationUser> users, IIncidentsDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(db);
        var silIds = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Sil).Select(o => o.Id).ToListAsync(cancellationToken);
        var people = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var role in AssignableRoles)
        {
            foreach (var person in await users.GetUsersInRoleAsync(role))
            {
                if (silIds.Contains(person.OrganisationId) && person.DisabledAt is null)
                {
                    people[person.Id] = string.IsNullOrWhiteSpace(person.DisplayName) ? person.Email ?? person.Id : person.DisplayName;
                }
            }
        }

        return [.. people.Select(p => new AssigneeOption(p.Key, p.Value)).OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)];
    }
}

public sealed record AssigneeOption(string Id, string Name);

/// <summary>The people an incident may be assigned to, for the DPO's triage form.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Only SIL's DPO and administrators assign incidents.")]
public sealed record AssigneesQuery : IRequest<IReadOnlyList<AssigneeOption>>;

public sealed class AssigneesHandler(UserManager<ApplicationUser> users, IIncidentsDb db) : IRequestHandler<AssigneesQuery, IReadOnlyList<AssigneeOption>>
{
    public async ValueTask<IReadOnlyList<AssigneeOption>> Handle(AssigneesQuery query, CancellationToken cancellationToken)
    {

        return await Assignees.ListAsync(users, db, cancellationToken);
    }
}
