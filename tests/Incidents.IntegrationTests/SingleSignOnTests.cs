using System.Net;
using System.Text.RegularExpressions;
using System.Security.Claims;
using Incidents.Application.Common.Security;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Incidents.Web.Infrastructure;
using Incidents.Web.Pages.Account;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.IntegrationTests;

/// <summary>Single sign-on by OpenID Connect: the challenge goes to the configured provider, and a provider's
/// account becomes a local user with one organisation and one mapped role, or is refused with a reason.</summary>
public sealed class SingleSignOnTests : IAsyncLifetime
{
    private readonly FakeOpenIdProvider _provider = new();
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(_provider.AppSettings())
        {
            ["Authentication:Oidc:RoleMap:Incidents.Dpo"] = "Dpo",
            ["Authentication:Oidc:RoleMap:Incidents.Staff"] = "Reporter",
            ["Authentication:Oidc:RoleMap:Incidents.Officer"] = "DesignatedOfficer",
        };

        // The app reaches the provider (metadata, keys, token endpoint) through this handler: no network.
        _app = new IncidentsApp(smtp: null, settings: settings, services: s => s.Configure<OpenIdConnectOptions>(
            SingleSignOnOptions.Scheme, o => o.BackchannelHttpHandler = _provider));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _provider.Dispose();
    }

    [Fact]
    public async Task Signing_in_with_the_council_account_goes_to_the_provider_with_pkce()
    {
        var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/sign-in/oidc?returnUrl=/triage");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith(FakeOpenIdProvider.AuthorizeEndpoint + "?", location, StringComparison.Ordinal);
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
        var dpo = await ResolveAsync(Person("new.dpo@sil.example.org", "Incidents.Dpo", organisation: DemoData.SilId.ToString()));
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
    [InlineData("someone@example.org", "Incidents.Staff", null, "does not say which organisation")]
    [InlineData("someone@example.org", "Incidents.Staff", "", "does not say which organisation")]
    [InlineData("officer@merseyvale.test", "Incidents.Officer", "990001", "not verified", false)]
    [InlineData("officer@merseyvale.test", "Incidents.Officer", "990001", "not verified", null)]
    public async Task A_provider_account_that_does_not_fit_is_refused_with_a_reason(string? email, string role, string? organisation, string reason, bool? emailVerified = true)
    {
        var outcome = await ResolveAsync(Person(email, role, organisation, emailVerified));

        Assert.Null(outcome.User);
        Assert.Contains(reason, outcome.Refusal, StringComparison.OrdinalIgnoreCase);
    }

    // End to end: the browser goes to the provider, comes back with a code, the app redeems it at the provider's
    // token endpoint and validates the signed id_token (issuer, audience, key, nonce) before deciding who signs in.

    [Theory]
    [InlineData("Incidents.Officer", "990001", Roles.DesignatedOfficer, "5c400000-0000-4000-8000-000000000001", HttpStatusCode.Forbidden)]
    [InlineData("Incidents.Dpo", "5a1e0000-0000-4000-8000-000000000001", Roles.Dpo, "5a1e0000-0000-4000-8000-000000000001", HttpStatusCode.OK)]
    public async Task Signing_in_at_the_provider_signs_in_with_the_mapped_role_and_organisation(string providerRole, string organisation, string role, string organisationId, HttpStatusCode triage)
    {
        _provider.SignInAs("subject-happy", Claims("new.person@example.org", providerRole, organisation, emailVerified: true));

        var (browser, callback) = await SignInAtProviderAsync("/incidents");

        Assert.Equal(1, _provider.TokensIssued);
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/incidents", callback.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/incidents")).StatusCode);
        Assert.Equal(triage, (await browser.GetAsync("/api/triage")).StatusCode);
        var user = await UserAsync("new.person@example.org");
        Assert.Equal(Guid.Parse(organisationId), user!.OrganisationId);
        Assert.Equal([role], await RolesOfAsync(user));
        Assert.Equal(["subject-happy"], await SubjectsOfAsync(user));
    }

    [Fact]
    public async Task A_provider_account_without_an_organisation_is_refused_and_the_sign_in_page_says_why()
    {
        _provider.SignInAs("subject-no-org", Claims("new.person@example.org", "Incidents.Staff", organisation: null, emailVerified: true));

        var (browser, callback) = await SignInAtProviderAsync("/");

        Assert.Equal(1, _provider.TokensIssued);
        Assert.Equal("/account/sign-in?sso=refused&reason=NoOrganisation", callback.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/incidents")).StatusCode);
        Assert.Null(await UserAsync("new.person@example.org"));
        var page = await browser.GetStringAsync(callback.Headers.Location);
        Assert.Contains("does not say which organisation you work for", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("officer@merseyvale.test", null)]
    [InlineData("officer@merseyvale.test", false)]
    [InlineData("new.person@example.org", null)]
    [InlineData("new.person@example.org", false)]
    public async Task An_unverified_email_neither_links_to_a_local_account_nor_creates_one(string email, bool? emailVerified)
    {
        // Anyone who can set the email on a provider account would otherwise become SIL's DPO.
        var before = await UserAsync(email);
        _provider.SignInAs("subject-unverified", Claims(email, "Incidents.Dpo", DemoData.SilId.ToString(), emailVerified));

        var (browser, callback) = await SignInAtProviderAsync("/");

        Assert.Equal(1, _provider.TokensIssued);
        Assert.Equal("/account/sign-in?sso=refused&reason=EmailNotVerified", callback.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/incidents")).StatusCode);
        Assert.Contains("not verified", await browser.GetStringAsync(callback.Headers.Location), StringComparison.Ordinal);
        var after = await UserAsync(email);
        if (before is null)
        {
            Assert.Null(after);
        }
        else
        {
            Assert.Equal(before.OrganisationId, after!.OrganisationId);
            Assert.Equal(await RolesOfAsync(before), await RolesOfAsync(after));
            Assert.Empty(await SubjectsOfAsync(after));
        }
    }

    [Fact]
    public async Task A_disabled_account_is_not_signed_in_by_the_provider()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var officer = (await users.FindByEmailAsync("officer@merseyvale.test"))!;
            officer.DisabledAt = DateTimeOffset.UtcNow;
            Assert.True((await users.UpdateAsync(officer)).Succeeded);
        }

        _provider.SignInAs("subject-disabled", Claims("officer@merseyvale.test", "Incidents.Officer", "990001", emailVerified: true));

        var (browser, callback) = await SignInAtProviderAsync("/");

        Assert.Equal("/account/sign-in?sso=refused&reason=AccountDisabled", callback.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/incidents")).StatusCode);
        Assert.Contains("has been disabled", await browser.GetStringAsync(callback.Headers.Location), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_admin_keeps_admin_and_sil_whatever_the_provider_says()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var admin = new ApplicationUser { UserName = "admin@sil.test", Email = "admin@sil.test", EmailConfirmed = true, DisplayName = "SIL Admin", OrganisationId = DemoData.SilId, LockoutEnabled = true };
            Assert.True((await users.CreateAsync(admin)).Succeeded);
            Assert.True((await users.AddToRoleAsync(admin, Roles.Admin)).Succeeded);
        }

        _provider.SignInAs("subject-admin", Claims("admin@sil.test", "Incidents.Staff", "990001", emailVerified: true));

        var (browser, callback) = await SignInAtProviderAsync("/");

        Assert.Equal("/", callback.Headers.Location!.ToString());
        var user = await UserAsync("admin@sil.test");
        Assert.Equal([Roles.Admin], await RolesOfAsync(user!));
        Assert.Equal(DemoData.SilId, user!.OrganisationId);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/triage")).StatusCode);
    }

    [Fact]
    public async Task A_linked_account_signs_in_again_by_its_subject_not_by_its_email()
    {
        _provider.SignInAs("subject-linked", Claims("teacher@merseyvale.example.org", "Incidents.Staff", "990001", emailVerified: true));
        await SignInAtProviderAsync("/");

        // Later the provider account's address changes to someone else's and is no longer verified.
        _provider.SignInAs("subject-linked", Claims("officer@merseyvale.test", "Incidents.Staff", "990001", emailVerified: null));
        var (browser, callback) = await SignInAtProviderAsync("/");

        Assert.Equal("/", callback.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/incidents")).StatusCode);
        Assert.Equal([Roles.DesignatedOfficer], await RolesOfAsync((await UserAsync("officer@merseyvale.test"))!));
        Assert.Equal(["subject-linked"], await SubjectsOfAsync((await UserAsync("teacher@merseyvale.example.org"))!));
    }

    [Theory]
    [InlineData("refused", "NoOrganisation", "does not say which organisation")]
    [InlineData("refused", "<script>", "did not work")]
    [InlineData("refused", "99", "did not work")]
    [InlineData("unavailable", null, "not available")]
    public void The_sign_in_page_explains_only_known_reasons(string sso, string? reason, string expected)
    {
        Assert.Contains(expected, SignInModel.SingleSignOnMessage(sso, reason), StringComparison.Ordinal);
    }

    /// <summary>The browser: the app's challenge, the provider's authorize page, the post back to the callback.</summary>
    private async Task<(HttpClient Browser, HttpResponseMessage Callback)> SignInAtProviderAsync(string returnUrl)
    {
        var browser = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var challenge = await browser.GetAsync("/account/sign-in/oidc?returnUrl=" + Uri.EscapeDataString(returnUrl));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);

        using var atProvider = new HttpClient(_provider, disposeHandler: false);
        var authorize = await atProvider.GetAsync(challenge.Headers.Location);
        if (authorize.StatusCode == HttpStatusCode.Redirect)
        {
            return (browser, await browser.GetAsync(authorize.Headers.Location));
        }

        Assert.Equal(HttpStatusCode.OK, authorize.StatusCode);
        var html = await authorize.Content.ReadAsStringAsync();
        var action = WebUtility.HtmlDecode(Regex.Match(html, "action=\"([^\"]+)\"").Groups[1].Value);
        var fields = Regex.Matches(html, "name=\"([^\"]+)\" value=\"([^\"]*)\"")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        Assert.StartsWith("https://localhost/account/sign-in/oidc/callback", action, StringComparison.Ordinal);
        return (browser, await browser.PostAsync(new Uri(action), new FormUrlEncodedContent(fields)));
    }

    private static Dictionary<string, object> Claims(string email, string role, string? organisation, bool? emailVerified)
    {
        var claims = new Dictionary<string, object> { ["email"] = email, ["name"] = "A Person", ["roles"] = new[] { role } };
        if (organisation is not null)
        {
            claims["sil_organisation"] = organisation;
        }

        if (emailVerified is not null)
        {
            claims["email_verified"] = emailVerified.Value;
        }

        return claims;
    }

    private async Task<ApplicationUser?> UserAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email);
    }

    private async Task<IList<string>> SubjectsOfAsync(ApplicationUser user)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await users.GetLoginsAsync((await users.FindByIdAsync(user.Id))!))
            .Where(l => l.LoginProvider == SingleSignOnOptions.Scheme).Select(l => l.ProviderKey).ToList();
    }

    private static ClaimsPrincipal Person(string? email, string role, string? organisation = null, bool? emailVerified = true)
    {
        var claims = new List<Claim> { new("name", "A Person"), new("roles", role) };
        if (emailVerified is not null)
        {
            claims.Add(new Claim("email_verified", emailVerified.Value ? "true" : "false", ClaimValueTypes.Boolean));
        }

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
