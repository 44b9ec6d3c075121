using System.Security.Claims;
using Incidents.Application.Common.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Incidents.Web.Infrastructure;

/// <summary>
/// Every request signed in with a cookie or a bearer token is checked against the account as it stands: a session is
/// over once the account's security stamp has changed (sign-out, a password change or reset, the account disabled,
/// a replayed refresh token) or the account is disabled or gone. One query by primary key per request.
/// </summary>
internal static class SessionValidation
{
    public static void AddSessionValidation(this IServiceCollection services)
    {
        services.ConfigureApplicationCookie(options => options.Events.OnValidatePrincipal = async context =>
        {
            if (context.Principal is null || !await IsCurrentAsync(context.HttpContext, context.Principal))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            }
        });
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme).Configure(options =>
        {
            options.Events.OnMessageReceived = async context =>
            {
                var header = context.Request.Headers.Authorization.ToString();
                if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                var token = header["Bearer ".Length..].Trim();
                var ticket = context.Options.BearerTokenProtector.Unprotect(token);
                if (ticket is null)
                {
                    return; // the handler answers "no result" for a token it cannot read
                }

                if (!await IsCurrentAsync(context.HttpContext, ticket.Principal))
                {
                    context.Fail("The session has ended.");
                    return;
                }

                context.Token = token;
            };
        });
    }

    public static async Task<bool> IsCurrentAsync(HttpContext http, ClaimsPrincipal principal)
    {
        var users = http.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
        var stampClaim = http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = principal.FindFirstValue(stampClaim);
        var id = users.GetUserId(principal);
        if (string.IsNullOrEmpty(stamp) || string.IsNullOrEmpty(id))
        {
            return false;
        }

        var user = await users.FindByIdAsync(id);
        return user is { DisabledAt: null } && string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal);
    }
}
