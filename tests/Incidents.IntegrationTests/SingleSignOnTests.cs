using System.Net;
using System.Security.Claims;
using Incidents.Application.Common.Security;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Incidents.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Incidents.IntegrationTests;

/// <summary>Single sign-on by OpenID Connect: the challenge goes to the configured provider, and a provider's
/// account becomes a local user with one organisation and one mapped role, or is refused with a reason.</summary>
public sealed class SingleSignOnTests : IAsyncLifetime
{
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new IncidentsApp(smtp: null, settings: new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = "https://idp.example.test/tenant/v2.0",
            ["Authentication:Oidc:ClientId"] = "sil-incidents",
            ["Authentication:Oidc:ClientSecret"] = "not-a-real-secret",
            ["Authentication:Oidc:RoleMap:Incidents.Dpo"] = "Dpo",
            ["Authentication:Oidc:RoleMap:Incidents.Staff"] = "Reporter",
            ["Authentication:Oidc:RoleMap:Incidents.Officer"] = "DesignatedOfficer",
        }, services: s => s.PostConfigure<OpenIdConnectOptions>(SingleSignOnOptions.Scheme, o =>
        {
            // No network here: give the provider's endpoints instead of fetching its metadata.
            o.Configuration = new OpenIdConnectConfiguration
            {
                Issuer = "https://idp.example.test/tenant/v2.0",
                AuthorizationEndpoint = "https://idp.example.test/tenant/oauth2/v2.0/authorize",
                TokenEndpoint = "https://idp.example.test/tenant/oauth2/v2.0/token",
            };
            o.ConfigurationManager = new Microsoft.IdentityModel.Protocols.StaticConfigurationManager<OpenIdConnectConfiguration>(o.Configuration);
        }));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Signing_in_with_the_council_account_goes_to_the_provider_with_pkce()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/sign-in/oidc?returnUrl=/triage");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("https://idp.example.test/tenant/oauth2/v2.0/authorize?", location, StringComparison.Ordinal);
        Assert.Contains("client_id=sil-incidents", location, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", location, StringComparison.Ordinal);
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString("http://localhost/account/sign-in/oidc/callback"), location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_provider_sends_the_user_back_to_sign_in_not_to_an_error()
    {
        await using var app = new IncidentsApp(smtp: null, settings: new Dictionary<string, string?>
        {
            ["Authentication:Oidc:Authority"] = "https://idp.example.test/tenant/v2.0",
            ["Authentication:Oidc:ClientId"] = "sil-incidents",
        });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/sign-in/oidc");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in?sso=unavailable", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_provider_account_becomes_a_local_user_with_the_mapped_role_and_organisation()
    {
        var dpo = await ResolveAsync(Person("new.dpo@sil.example.org", "Incidents.Dpo"));
        var staff = await ResolveAsync(Person("teacher@merseyvale.example.org", "Incidents.Staff", organisation: "990001"));
        var existing = await ResolveAsync(Person("officer@merseyvale.test", "Incidents.Officer", organisation: DemoData.MerseyValeId.ToString()));

        Assert.Null(dpo.Refusal);
        Assert.Equal(DemoData.SilId, dpo.User!.OrganisationId);
        Assert.Equal([Roles.Dpo], await RolesOfAsync(dpo.User));
        Assert.Equal(DemoData.MerseyValeId, staff.User!.OrganisationId);
        Assert.Equal([Roles.Reporter], await RolesOfAsync(staff.User));
        Assert.Equal("officer@merseyvale.test", existing.User!.Email);
        Assert.Equal([Roles.DesignatedOfficer], await RolesOfAsync(existing.User));
    }

    [Theory]
    [InlineData(null, "Incidents.Dpo", null, "email")]
    [InlineData("someone@example.org", "Incidents.Unknown", null, "role")]
    [InlineData("someone@example.org", "Incidents.Staff", "999999", "organisation")]
    [InlineData("head@merseyvale.example.org", "Incidents.Dpo", "990001", "Only people at SIL")]
    public async Task A_provider_account_that_does_not_fit_is_refused_with_a_reason(string? email, string role, string? organisation, string reason)
    {
        var outcome = await ResolveAsync(Person(email, role, organisation));

        Assert.Null(outcome.User);
        Assert.Contains(reason, outcome.Refusal, StringComparison.OrdinalIgnoreCase);
    }

    private static ClaimsPrincipal Person(string? email, string role, string? organisation = null)
    {
        var claims = new List<Claim> { new("name", "A Person"), new("roles", role) };
        if (email is not null)
        {
            claims.Add(new Claim("email", email));
        }

        if (organisation is not null)
        {
            claims.Add(new Claim("sil_organisation", organisation));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "oidc"));
    }

    private async Task<SingleSignOnUsers.Outcome> ResolveAsync(ClaimsPrincipal person)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SingleSignOnUsers>()
            .ResolveAsync(person, scope.ServiceProvider.GetRequiredService<SingleSignOnOptions>());
    }

    private async Task<IList<string>> RolesOfAsync(ApplicationUser user)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.GetRolesAsync((await users.FindByIdAsync(user.Id))!);
    }
}
