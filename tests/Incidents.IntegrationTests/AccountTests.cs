using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incidents.Application.Features.Organisations;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;

namespace Incidents.IntegrationTests;

public sealed class AccountTests : IAsyncLifetime
{
    private const string AdminEmail = "admin@sil.test";
    private const string AdminPassword = "bootstrap-admin-password";
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new IncidentsApp(smtp: null, settings: new Dictionary<string, string?>
        {
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Health_endpoints_answer_without_signing_in()
    {
        var anonymous = _app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/live")).StatusCode);
        var ready = await anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_account_get_the_same_answer()
    {
        var anonymous = _app.CreateClient();

        var wrong = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "staff@merseyvale.test", password = "not-the-password" });
        var unknown = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "nobody@merseyvale.test", password = "not-the-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(Title(await wrong.Content.ReadAsStringAsync()), Title(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Repeated_failures_refuse_the_guessing_address_but_not_the_owner()
    {
        var guesser = _app.CreateClient();
        guesser.DefaultRequestHeaders.Add(IncidentsApp.PeerHeader, "203.0.113.66");
        for (var i = 0; i < 5; i++)
        {
            await guesser.PostAsJsonAsync("/api/auth/login", new { email = "dpo@sil.test", password = "guess-" + i });
        }

        var guesserWithTheRightPassword = await guesser.PostAsJsonAsync("/api/auth/login", new { email = "dpo@sil.test", password = IncidentsApp.DemoPassword });
        var owner = await _app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "dpo@sil.test", password = IncidentsApp.DemoPassword });

        Assert.Equal(HttpStatusCode.TooManyRequests, guesserWithTheRightPassword.StatusCode);
        Assert.True(guesserWithTheRightPassword.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many attempts", await guesserWithTheRightPassword.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_gets_a_new_access_token_and_a_forged_one_does_not()
    {
        var anonymous = _app.CreateClient();
        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "staff@merseyvale.test", password = IncidentsApp.DemoPassword });
        var tokens = await login.Content.ReadFromJsonAsync<IncidentsApp.TokenResponse>();

        var refreshed = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens!.RefreshToken });
        var forged = await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "forged" });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var fresh = await refreshed.Content.ReadFromJsonAsync<IncidentsApp.TokenResponse>();
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", fresh!.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task Repeated_failures_answer_the_same_whether_or_not_the_account_exists()
    {
        var anonymous = _app.CreateClient();
        var real = new List<string>();
        var unknown = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var a = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "staff@brambledown.test", password = "guess-" + i });
            var b = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = "nobody-here@brambledown.test", password = "guess-" + i });
            real.Add($"{(int)a.StatusCode} {Title(await a.Content.ReadAsStringAsync())}");
            unknown.Add($"{(int)b.StatusCode} {Title(await b.Content.ReadAsStringAsync())}");
        }

        Assert.Equal(real, unknown);
        Assert.Contains("Too many attempts.", real[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_without_fields_is_a_400_naming_them()
    {
        var response = await _app.CreateClient().PostAsJsonAsync("/api/auth/login", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("email", out _));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("password", out _));
    }

    [Theory]
    [InlineData("/register")]
    [InlineData("/api/register")]
    [InlineData("/api/auth/register")]
    public async Task There_is_no_self_registration(string path)
    {
        var response = await _app.CreateClient().PostAsJsonAsync(path, new { email = "me@example.org", password = "a-long-enough-password" });

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.MethodNotAllowed, $"{path} answered {(int)response.StatusCode}");
        Assert.Null(await _app.WithDbAsync(db => Task.FromResult(db.Users.FirstOrDefault(u => u.Email == "me@example.org"))));
    }

    [Fact]
    public async Task An_admin_creates_an_account_that_can_then_sign_in()
    {
        var admin = await SignInAdminAsync();

        var created = await admin.PostAsJsonAsync("/api/users", new
        {
            email = "newstaff@merseyvale.test",
            displayName = "Nia Brook",
            organisationId = DemoData.MerseyValeId,
            role = "Reporter",
            password = "a-long-initial-password",
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var login = await _app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "newstaff@merseyvale.test", password = "a-long-initial-password" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Theory]
    [InlineData("password", "short", "Reporter", "newer@merseyvale.test")]
    [InlineData("role", "a-long-initial-password", "Overlord", "newer@merseyvale.test")]
    [InlineData("email", "a-long-initial-password", "Reporter", "not-an-email")]
    [InlineData("email", "a-long-initial-password", "Reporter", "staff@merseyvale.test")]
    public async Task An_invalid_account_is_refused_with_the_field_named(string field, string password, string role, string email)
    {
        var admin = await SignInAdminAsync();

        var response = await admin.PostAsJsonAsync("/api/users", new { email, displayName = "Someone", organisationId = DemoData.MerseyValeId, role, password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("staff@merseyvale.test")]
    [InlineData("officer@sil.test")]
    [InlineData("dpo@sil.test")]
    public async Task Only_an_admin_may_create_accounts(string email)
    {
        var user = await _app.SignInAsync(email);

        var response = await user.PostAsJsonAsync("/api/users", new { email = "x@merseyvale.test", displayName = "X", organisationId = DemoData.MerseyValeId, role = "Admin", password = "a-long-initial-password" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_school_sees_itself_and_sil_while_sil_sees_every_school()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");

        var organisations = await staff.GetFromJsonAsync<List<OrganisationView>>("/api/organisations", Api.Json);

        var sil = Assert.Single(organisations!, o => o.Kind == Domain.Organisations.OrganisationKind.Sil);
        Assert.Contains(sil.Contacts, c => c.Email == "dpo@sil.test" && c.Role == Domain.Organisations.ContactRole.Dpo);
        Assert.Contains(organisations!, o => o.Name == "Mersey Vale Primary School" && o.Contacts.Any(c => c.Email == "officer@merseyvale.test"));
        Assert.Equal(["Mersey Vale Primary School"], organisations!.Where(o => o.Kind == Domain.Organisations.OrganisationKind.School).Select(o => o.Name));

        var dpo = await _app.SignInAsync("dpo@sil.test");
        var all = await dpo.GetFromJsonAsync<List<OrganisationView>>("/api/organisations", Api.Json);
        Assert.True(all!.Count(o => o.Kind == Domain.Organisations.OrganisationKind.School) >= 3);
    }

    private async Task<HttpClient> SignInAdminAsync()
    {
        var client = _app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = AdminEmail, password = AdminPassword });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<IncidentsApp.TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    private static string? Title(string json) => JsonDocument.Parse(json).RootElement.GetProperty("title").GetString();
}
