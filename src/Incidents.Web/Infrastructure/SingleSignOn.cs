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

    /// <summary>The claim naming the user's organisation: a school's URN or an organisation id. Without it, sign-in is refused.</summary>
    public string OrganisationClaim { get; set; } = "sil_organisation";

    /// <summary>The claim saying the provider verified the email address ("true"). Without it, an email address neither
    /// links to an existing local account nor creates one.</summary>
    public string EmailVerifiedClaim { get; set; } = "email_verified";

    /// <summary>Create a local account on first sign-in (otherwise only existing accounts may sign in).</summary>
    public bool CreateUsers { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>Why a provider's account may not sign in. The sign-in page shows <see cref="SingleSignOnUsers.Explain"/>
/// of it; only the code travels in the address, so nobody can put their own words on the page.</summary>
public enum SingleSignOnRefusal
{
    NoEmail,
    EmailNotVerified,
    NoRole,
    NoOrganisation,
    UnknownOrganisation,
    RoleOutsideSil,
    NoAccount,
    AccountNotCreated,
    AccountDisabled,
}

/// <summary>A refusal raised in the OpenID Connect events, carried to the remote-failure event.</summary>
public sealed class SingleSignOnRefusedException(SingleSignOnRefusal reason)
    : Exception("Single sign-on refused: " + reason)
{
    public SingleSignOnRefusal Reason { get; } = reason;
}

/// <summary>Turns the identity provider's account into a local user with one organisation and one role, or says why not.
/// An account is found by its link to the provider's subject (made at the first sign-in); without a link, only a
/// verified email address may link to an existing local account or create one. An Admin's role and organisation are
/// managed here only, never by the provider.</summary>
public sealed class SingleSignOnUsers(UserManager<ApplicationUser> users, IIncidentsDb db, ILogger<SingleSignOnUsers> log)
{
    public sealed record Outcome(ApplicationUser? User, SingleSignOnRefusal? Reason)
    {
        public string? Refusal => Reason is { } reason ? Explain(reason) : null;
    }

    public static string Explain(SingleSignOnRefusal reason) => reason switch
    {
        SingleSignOnRefusal.NoEmail => "Your council account did not give an email address. Ask your administrator.",
        SingleSignOnRefusal.EmailNotVerified => "Your council account's email address is not verified by your identity provider, so it cannot be used to sign in to SIL Incidents. Ask your administrator.",
        SingleSignOnRefusal.NoRole => "Your council account has no role in SIL Incidents. Ask your administrator.",
        SingleSignOnRefusal.NoOrganisation => "Your council account does not say which organisation you work for, so you cannot sign in to SIL Incidents. Ask your administrator.",
        SingleSignOnRefusal.UnknownOrganisation => "Your organisation is not registered in SIL Incidents. Ask your administrator.",
        SingleSignOnRefusal.RoleOutsideSil => "Only people at SIL can be the DPO or an administrator.",
        SingleSignOnRefusal.NoAccount => "There is no SIL Incidents account for you. Ask your administrator.",
        SingleSignOnRefusal.AccountNotCreated => "Your SIL Incidents account could not be created. Ask your administrator.",
        SingleSignOnRefusal.AccountDisabled => "Your SIL Incidents account has been disabled. Ask SIL's administrator to re-enable it.",
        _ => "Sign-in with your council account was refused.",
    };

    public async Task<Outcome> ResolveAsync(ClaimsPrincipal external, SingleSignOnOptions options)
    {
        ArgumentNullException.ThrowIfNull(external);
        ArgumentNullException.ThrowIfNull(options);

        // An account linked at an earlier sign-in is found by the provider's subject, whatever its email says now.
        var subject = external.FindFirstValue("sub") ?? external.FindFirstValue(ClaimTypes.NameIdentifier);
        var user = string.IsNullOrEmpty(subject) ? null : await users.FindByLoginAsync(SingleSignOnOptions.Scheme, subject);
        var email = external.FindFirstValue("email") ?? external.FindFirstValue(ClaimTypes.Email);
        if (user is null)
        {
            if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
            {
                return new(null, SingleSignOnRefusal.NoEmail);
            }

            // Anyone may be able to put any address on their provider account; only one the provider verified
            // may take over a local account or become one.
            if (!IsTrue(external.FindFirstValue(options.EmailVerifiedClaim)))
            {
                return new(null, SingleSignOnRefusal.EmailNotVerified);
            }
        }

        var role = external.FindAll(options.RoleClaim).Concat(external.FindAll(ClaimTypes.Role))
            .Select(c => options.RoleMap.TryGetValue(c.Value, out var mapped) ? mapped : null)
            .Where(r => r is not null && Roles.All.Contains(r))
            .OrderBy(r => Array.IndexOf([Roles.Admin, Roles.Dpo, Roles.DesignatedOfficer, Roles.Reporter], r))
            .FirstOrDefault();
        if (role is null)
        {
            return new(null, SingleSignOnRefusal.NoRole);
        }

        // No organisation is a refusal: placing the person in SIL would let them see SIL's incidents.
        var organisationValue = external.FindFirstValue(options.OrganisationClaim)?.Trim();
        if (string.IsNullOrEmpty(organisationValue))
        {
            return new(null, SingleSignOnRefusal.NoOrganisation);
        }

        var organisation = Guid.TryParse(organisationValue, out var id)
            ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id)
            : await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Urn == organisationValue);
        if (organisation is null)
        {
            return new(null, SingleSignOnRefusal.UnknownOrganisation);
        }

        if (role is Roles.Dpo or Roles.Admin && organisation.Kind != OrganisationKind.Sil)
        {
            return new(null, SingleSignOnRefusal.RoleOutsideSil);
        }

        user ??= await users.FindByEmailAsync(email!);
        var name = external.FindFirstValue("name") ?? external.FindFirstValue(ClaimTypes.Name) ?? user?.DisplayName ?? email!;
        if (user is null)
        {
            if (!options.CreateUsers)
            {
                return new(null, SingleSignOnRefusal.NoAccount);
            }

            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, OrganisationId = organisation.Id, LockoutEnabled = true };
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                log.LogWarning("Single sign-on could not create the account: {Errors}", string.Join(" ", created.Errors.Select(e => e.Description)));
                return new(null, SingleSignOnRefusal.AccountNotCreated);
            }
        }

        if (user.DisabledAt is not null)
        {
            // An administrator disabled it: the provider cannot sign it back in.
            return new(null, SingleSignOnRefusal.AccountDisabled);
        }

        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin))
        {
            // An administrator's role and organisation are managed in SIL Incidents only: a provider's group
            // change (or a forged one) neither demotes nor moves them.
            if (current.Count != 1 || current[0] != role)
            {
                log.LogInformation("Single sign-on kept the local Admin role of user {UserId} (the provider says {Role})", user.Id, role);
            }
        }
        else
        {
            if (user.OrganisationId != organisation.Id || user.DisplayName != name)
            {
                // For everyone else the identity provider is the source of truth for who they are and where they work.
                user.OrganisationId = organisation.Id;
                user.DisplayName = name;
                await users.UpdateAsync(user);
            }

            if (current.Count != 1 || current[0] != role)
            {
                await users.RemoveFromRolesAsync(user, current);
                await users.AddToRoleAsync(user, role);
            }
        }

        if (!string.IsNullOrEmpty(subject) && (await users.GetLoginsAsync(user)).All(l => l.LoginProvider != SingleSignOnOptions.Scheme))
        {
            await users.AddLoginAsync(user, new UserLoginInfo(SingleSignOnOptions.Scheme, subject, "Council account"));
        }

        return new(user, null);
    }

    private static bool IsTrue(string? value) => bool.TryParse(value?.Trim(), out var result) && result;
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
                    context.Fail(new SingleSignOnRefusedException(outcome.Reason ?? SingleSignOnRefusal.NoAccount));
                    return;
                }

                // Sign in as the local user, with the product's own claims (organisation, roles).
                var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>();
                context.Principal = await signIn.CreateUserPrincipalAsync(outcome.User);
            };
            oidc.Events.OnRemoteFailure = context =>
            {
                // A refusal names its reason (a code the sign-in page explains); any other failure is "failed".
                context.Response.Redirect(context.Failure is SingleSignOnRefusedException refused
                    ? "/account/sign-in?sso=refused&reason=" + refused.Reason
                    : "/account/sign-in?sso=failed");
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
