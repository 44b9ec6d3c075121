using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Users;

/// <summary>An account as an administrator sees it.</summary>
public sealed record UserSummary(string Id, string Email, string DisplayName, Guid OrganisationId, IReadOnlyList<string> Roles, bool Disabled, DateTimeOffset? DisabledAt)
{
    public static async Task<UserSummary> ForAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        return new UserSummary(user.Id, user.Email ?? string.Empty, user.DisplayName, user.OrganisationId, [.. await users.GetRolesAsync(user)], user.DisabledAt is not null, user.DisabledAt);
    }
}

/// <summary>Every account, for an administrator, ordered by organisation then name.</summary>
[RequiresRole(Roles.Admin, Message = "Only an administrator may list accounts.")]
public sealed record ListUsersQuery : IRequest<IReadOnlyList<UserSummary>>;

public sealed class ListUsersHandler(IIncidentsDb db) : IRequestHandler<ListUsersQuery, IReadOnlyList<UserSummary>>
{
    public async ValueTask<IReadOnlyList<UserSummary>> Handle(ListUsersQuery query, CancellationToken cancellationToken)
    {

        var users = await db.Set<ApplicationUser>().AsNoTracking().OrderBy(u => u.OrganisationId).ThenBy(u => u.DisplayName).ToListAsync(cancellationToken);
        var roles = await db.Set<IdentityUserRole<string>>().AsNoTracking()
            .Join(db.Set<IdentityRole>(), ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name ?? string.Empty);
        return [.. users.Select(u => new UserSummary(u.Id, u.Email ?? string.Empty, u.DisplayName, u.OrganisationId, [.. byUser[u.Id]], u.DisabledAt is not null, u.DisabledAt))];
    }
}
