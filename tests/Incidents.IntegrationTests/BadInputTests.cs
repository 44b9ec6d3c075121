using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace Incidents.IntegrationTests;

/// <summary>Bad input gets a clear error, names the field, and leaves nothing half-written.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new IncidentsApp(_smtp);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    public static TheoryData<string, string> InvalidReports() => new()
    {
        { "summary", Body(b => b["summary"] = "") },
        { "summary", Body(b => b.Remove("summary")) },
        { "summary", Body(b => b["summary"] = new string('x', 201)) },
        { "summary", Body(b => b["summary"] = "two\r\nBcc: everyone@example.org") },
        { "description", Body(b => b["description"] = new string('x', 10_001)) },
        { "description", Body(b => b["description"] = "") },
        { "kind", Body(b => b["kind"] = "Burglary") },
        { "kind", Body(b => b["kind"] = 3) },
        { "kind", Body(b => b.Remove("kind")) },
        { "discoveredAt", Body(b => b["discoveredAt"] = DateTimeOffset.UtcNow.AddDays(2)) },
        { "discoveredAt", Body(b => b["discoveredAt"] = "yesterday afternoon") },
        { "discoveredAt", Body(b => b["discoveredAt"] = "2026-02-30T10:00:00Z") },
        { "discoveredAt", Body(b => b.Remove("discoveredAt")) },
        { "approximateDataSubjects", Body(b => b["approximateDataSubjects"] = -1) },
        { "approximateDataSubjects", Body(b => b["approximateDataSubjects"] = "lots") },
        { "dataCategories[0]", Body(b => b["dataCategories"] = new[] { "ShoeSizes" }) },
        { "counterpartyOrganisationId", Body(b => b["counterpartyOrganisationId"] = DemoData.BrambledownId) },
        { "counterpartyOrganisationId", Body(b => b["counterpartyOrganisationId"] = DemoData.MerseyValeId) },
        { "counterpartyOrganisationId", Body(b => b["counterpartyOrganisationId"] = Guid.NewGuid()) },
        { "counterpartyOrganisationId", Body(b => b["counterpartyOrganisationId"] = "not-a-guid") },
        { "counterpartyOrganisationId", Body(b => b.Remove("counterpartyOrganisationId")) },
    };

    [Theory]
    [MemberData(nameof(InvalidReports))]
    public async Task An_invalid_report_is_refused_with_the_field_named_and_nothing_stored(string field, string body)
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");

        var response = await staff.PostAsync("/api/incidents", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"Expected an error for '{field}', got {errors}");
        Assert.True(messages.GetArrayLength() > 0);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Incidents.CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Notifications.CountAsync()));
    }

    [Theory]
    [InlineData("{\"kind\":")]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task Malformed_json_is_a_400_problem_not_a_500(string body)
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");

        var response = await staff.PostAsync("/api/incidents", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_valid_report_after_refused_ones_gets_the_first_reference()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        await staff.PostAsync("/api/incidents", new StringContent(Body(b => b["summary"] = ""), Encoding.UTF8, "application/json"));

        var result = await staff.ReportAsync(Api.Breach());

        Assert.EndsWith("-00001", result.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401()
    {
        var anonymous = _app.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/incidents", Api.Breach())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/incidents")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/organisations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/incidents/{Guid.NewGuid()}")).StatusCode);
        var bogus = _app.CreateClient();
        bogus.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await bogus.GetAsync("/api/incidents")).StatusCode);
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("pageSize=1000")]
    [InlineData("page=abc")]
    public async Task Bad_paging_is_a_400(string query)
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");

        var response = await staff.GetAsync($"/api/incidents?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string Body(Action<Dictionary<string, object?>> change)
    {
        var body = new Dictionary<string, object?>
        {
            ["kind"] = "ConfidentialityBreach",
            ["counterpartyOrganisationId"] = DemoData.SilId,
            ["discoveredAt"] = DateTimeOffset.UtcNow.AddHours(-2),
            ["summary"] = "Letter sent to the wrong address",
            ["description"] = "A letter about a pupil was posted to a previous address.",
            ["dataCategories"] = new[] { "Names", "ContactDetails" },
            ["approximateDataSubjects"] = 1,
        };
        change(body);
        return JsonSerializer.Serialize(body);
    }
}
