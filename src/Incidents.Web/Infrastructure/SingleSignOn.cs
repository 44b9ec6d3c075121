using System.Security.Claims;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Organisations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Web.Infrastructure;

/// <summary>Authentication:Oidc. Single sign-on with OpenID Connect (for example Microsoft Entra ID); local accounts
/// stay for the embedded default.</summary>
public sealed class SingleSignOnOptions
{
    public const string Section = "Authentication:Oidc";
    public const string Scheme = "oidc";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    /// <summary>The claim holding the user's groups or app roles (Entra ID: "roles" or "groups").</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>Claim value → product role, e.g. {"Incidents.Dpo": "Dpo", "Incidents.Staff": "Reporter"}.</summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The claim naming the user's organisation: a school's URN or an organisation id. Without it, SIL.</summary>
    public string OrganisationClaim { get; set; } = "sil_organisation";

    /// <summary>Create a local account on first sign-in (otherwise only existing accounts may sign in).</summary>
    public bool CreateUsers { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>Turns the identity provider's account into a local user with one organisation and one role, or says why not.</summary>
public sealed class SingleSignOnUsers(UserManager<ApplicationUser> users, IIncidentsDb db)
{
    public sealed record Outcome(ApplicationUser? User, string? Refusal);

    public async Task<Outcome> ResolveAsync(ClaimsPrincipal external, SingleSignOnOptions options)
    {
        ArgumentNullException.ThrowIfNull(external);
        ArgumentNullException.ThrowIfNull(options);
        var email = external.FindFirstValue("email") ?? external.FindFirstValue(ClaimTypes.Email) ?? external.FindFirstValue("preferred_username");
        if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
        {
            return new(null, "The identity provider did not give an email address.");
        }

        var role = external.FindAll(options.RoleClaim).Concat(external.FindAll(ClaimTypes.Role))
            .Select(c => options.RoleMap.TryGetValue(c.Value, out var mapped) ? mapped : null)
            .Where(r => r is not null && Roles.All.Contains(r))
            .OrderBy(r => Array.IndexOf([Roles.Admin, Roles.Dpo, Roles.DesignatedOfficer, Roles.Reporter], r))
            .FirstOrDefault();
        if (role is null)
        {
            return new(null, "Your account has no role in SIL Incidents. Ask your administrator.");
        }

        var organisationValue = external.FindFirstValue(options.OrganisationClaim)?.Trim();
        var organisation = string.IsNullOrEmpty(organisationValue)
            ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Kind == OrganisationKind.Sil)
            : Guid.TryParse(organisationValue, out var id)
                ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id)
                : await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Urn == organisationValue);
        if (organisation is null)
        {
            return new(null, "Your organisation is not registered in SIL Incidents.");
        }

        if (role is Roles.Dpo or Roles.Admin && organisation.Kind != OrganisationKind.Sil)
        {
            return new(null, "Only people at SIL can be the DPO or an administrator.");
        }

        var user = await users.FindByEmailAsync(email);
        var name = external.FindFirstValue("name") ?? external.FindFirstValue(ClaimTypes.Name) ?? email;
        if (user is null)
        {
            if (!options.CreateUsers)
            {
                return new(null, "There is no SIL Incidents account for you. Ask your administrator.");
            }

            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, OrganisationId = organisation.Id, LockoutEnabled = true };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return new(null, string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }
        else if (user.OrganisationId != organisation.Id || user.DisplayName != name)
        {
            // The identity provider is the source of truth for who someone is and where they work.
            user.OrganisationId = organisation.Id;
            user.DisplayName = name;
            await users.UpdateAsync(user);
        }

        var current = await users.GetRolesAsync(user);
        if (current.Count != 1 || current[0] != role)
        {
            await users.RemoveFromRolesAsync(user, current);
            await users.AddToRoleAsync(user, role);
        }

        return new(user, null);
    }
}

internal static class SingleSignOn
{
    public static void AddSingleSignOn(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SingleSignOnOptions.Section).Get<SingleSignOnOptions>() ?? new SingleSignOnOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddScoped<SingleSignOnUsers>();
        if (!options.Enabled)
        {
            return;
        }

        builder.Services.AddAuthentication().AddOpenIdConnect(SingleSignOnOptions.Scheme, "Council account", oidc =>
        {
            oidc.Authority = options.Authority;
            oidc.ClientId = options.ClientId;
            oidc.ClientSecret = options.ClientSecret;
            oidc.ResponseType = "code";
            oidc.UsePkce = true;
            oidc.SaveTokens = false;
            oidc.CallbackPath = "/account/sign-in/oidc/callback";
            oidc.SignInScheme = IdentityConstants.ApplicationScheme;
            oidc.Scope.Clear();
            foreach (var scope in new[] { "openid", "profile", "email" })
            {
                oidc.Scope.Add(scope);
            }

            oidc.Events.OnTokenValidated = async context =>
            {
                var resolver = context.HttpContext.RequestServices.GetRequiredService<SingleSignOnUsers>();
                var outcome = await resolver.ResolveAsync(context.Principal!, options);
                if (outcome.User is null)
                {
                    context.Fail(outcome.Refusal ?? "Sign-in refused.");
                    return;
                }

                // Sign in as the local user, with the product's own claims (organisation, roles).
                var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>();
                context.Principal = await signIn.CreateUserPrincipalAsync(outcome.User);
            };
            oidc.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/account/sign-in?sso=failed");
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    public static void MapSingleSignOn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account/sign-in/oidc", async (HttpContext http, SingleSignOnOptions options, ILoggerFactory logs, string? returnUrl) =>
        {
            if (!options.Enabled)
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var target = !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/";
            try
            {
                await http.ChallengeAsync(SingleSignOnOptions.Scheme, new AuthenticationProperties { RedirectUri = target });
            }
            catch (InvalidOperationException ex)
            {
                // The provider cannot be reached (its metadata): say so on the sign-in page rather than fail.
                logs.CreateLogger(typeof(SingleSignOn)).LogWarning(ex, "The single sign-on provider cannot be reached");
                http.Response.Redirect("/account/sign-in?sso=unavailable");
            }
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
