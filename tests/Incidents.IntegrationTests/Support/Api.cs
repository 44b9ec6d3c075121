using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Incidents.Application.Features.Incidents;
using Incidents.Infrastructure.Startup;

namespace Incidents.IntegrationTests.Support;

/// <summary>What a client of the API sends and reads.</summary>
public static class Api
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static object Breach(Guid? counterparty = null, string kind = "ConfidentialityBreach", string summary = "Class list emailed to the wrong parent") => new
    {
        kind,
        counterpartyOrganisationId = counterparty ?? DemoData.SilId,
        discoveredAt = DateTimeOffset.UtcNow.AddHours(-1),
        summary,
        description = "A spreadsheet with names and UPNs of a Year 4 class was sent to one parent by mistake.",
        dataCategories = new[] { "Names", "Upn" },
        approximateDataSubjects = 28,
        containmentActions = "The parent was asked to delete it and confirmed by phone.",
    };

    public static async Task<ReportIncidentResult> ReportAsync(this HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/incidents", body);
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Expected 201, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<ReportIncidentResult>(Json))!;
    }

    public static async Task<IncidentDetails> GetIncidentAsync(this HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<IncidentDetails>($"/api/incidents/{id}", Json))!;
}
