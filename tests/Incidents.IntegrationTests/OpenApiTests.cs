using System.Net;
using System.Text.Json;
using Incidents.IntegrationTests.Support;

namespace Incidents.IntegrationTests;

/// <summary>Integrators read the API's contract from the deployment itself: the OpenAPI document is served in
/// Production too, to signed-in administrators only.</summary>
public sealed class OpenApiTests : IAsyncLifetime
{
    private const string AdminEmail = "admin@sil.test";
    private const string ProductionPassword = "openapi-production-password-long";
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new IncidentsApp(smtp: null, environment: "Production", settings: new Dictionary<string, string?>
        {
            ["Seed:AllowInProduction"] = "true",
            ["Seed:DemoPassword"] = ProductionPassword,
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = ProductionPassword,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task In_production_an_admin_reads_the_openapi_document_and_it_lists_the_incidents_api()
    {
        var admin = await SignInAsync(AdminEmail);

        var response = await admin.GetAsync("/openapi/v1.json");
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        using var document = JsonDocument.Parse(text);
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/api/incidents", out _), "the document lists /api/incidents");
    }

    [Fact]
    public async Task In_production_the_openapi_document_is_refused_to_anonymous_callers_and_to_staff()
    {
        var anonymous = await _app.CreateClient().GetAsync("/openapi/v1.json");
        var staff = await (await SignInAsync("staff@merseyvale.test")).GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, staff.StatusCode);
    }

    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = _app.CreateClient();
        var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(client, "/api/auth/login", new { email, password = ProductionPassword });
        response.EnsureSuccessStatusCode();
        var token = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<IncidentsApp.TokenResponse>(response.Content);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }
}
