using System.Security.Claims;
using Incidents.Application.Common.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Incidents.Web.Infrastructure;

/// <summary>Adds the user's organisation and display name to the claims Identity issues.</summary>
internal sealed class AppClaimsPrincipalFactory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, Incidents.Application.Common.Interfaces.IIncidentsDb db)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    public const string DisplayNameClaim = "display_name";

    /// <summary>The organisation's name, shown beside the signed-in person's name on every page.</summary>
    public const string OrganisationNameClaim = "org_name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(Roles.OrganisationClaim, user.OrganisationId.ToString()));
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        var organisation = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
            db.Organisations.Where(o => o.Id == user.OrganisationId).Select(o => o.Name));
        if (!string.IsNullOrEmpty(organisation))
        {
            identity.AddClaim(new Claim(OrganisationNameClaim, organisation));
        }
        return identity;
    }
}
