using System.Security.Claims;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;

namespace Incidents.Web.Infrastructure;

/// <summary>The signed-in user of the current request, read from the claims Identity put in the token or cookie.</summary>
internal sealed class CurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal Principal =>
        accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user
            ? user
            : throw new InvalidOperationException("There is no signed-in user in this context.");

    public bool IsAuthenticated => accessor.HttpContext?.User.Identity?.IsAuthenticated == true;

    public string UserId => Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The user has no id claim.");

    public string DisplayName => Principal.FindFirstValue(AppClaimsPrincipalFactory.DisplayNameClaim) ?? Principal.Identity?.Name ?? string.Empty;

    public Guid OrganisationId =>
        Guid.TryParse(Principal.FindFirstValue(Roles.OrganisationClaim), out var id)
            ? id
            : throw new InvalidOperationException("The user has no organisation claim.");

    public bool IsInRole(string role) => Principal.IsInRole(role);
}
