using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;

namespace Incidents.ReliabilityTests;

/// <summary>
/// Generated hostile input against every write endpoint: wrong types, huge strings, control characters, CR/LF,
/// script, impossible dates and ids, broken JSON. Never a 500; every 4xx with a body is ProblemDetails; no header
/// injection in the emails that valid requests cause; user text encoded in their HTML.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private static readonly int Requests = Environment.GetEnvironmentVariable("INCIDENTS_RELIABILITY_HEAVY") == "1" ? 50_000 : 10_000;

    private static readonly JsonNode?[] HostileValues =
    [
        null,
        JsonValue.Create(""),
        JsonValue.Create(" "),
        JsonValue.Create(0),
        JsonValue.Create(-1),
        JsonValue.Create(int.MaxValue),
        JsonValue.Create(1e308),
        JsonValue.Create(true),
        JsonValue.Create(new string('x', 100_000)),
        JsonValue.Create("line one\r\nBcc: evil@example.org"),
        JsonValue.Create("\r\nSubject: injected"),
        JsonValue.Create("<script>alert(1)</script>"),
        JsonValue.Create("\"><img src=x onerror=alert(1)>"),
        JsonValue.Create("\u0000\u0001\u0007\u001b[31m"),
        JsonValue.Create("\ud800"),
        JsonValue.Create("2026-02-30T10:00:00Z"),
        JsonValue.Create("9999-12-31T23:59:59Z"),
        JsonValue.Create("0001-01-01T00:00:00Z"),
        JsonValue.Create("not a date"),
        JsonValue.Create(Guid.Empty.ToString()),
        JsonValue.Create(Guid.NewGuid().ToString()),
        JsonValue.Create("not-a-guid"),
        JsonValue.Create("'; DROP TABLE Incidents; --"),
        new JsonObject(),
        new JsonArray(),
        new JsonArray(JsonValue.Create("Names"), JsonValue.Create("Names"), JsonValue.Create("<b>")),
        new JsonArray(Enumerable.Range(0, 500).Select(i => (JsonNode?)JsonValue.Create(Guid.NewGuid().ToString())).ToArray()),
    ];

    private static readonly string[] BrokenBodies = ["", "{", "[", "null", "\"text\"", "{\"kind\":", "{{}}", "\u0000\u0001", "{\"summary\":\"\\ud800\"}", "42"];

    private readonly TestSmtpServer _smtp = new();
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new IncidentsApp(_smtp, settings: new Dictionary<string, string?>
        {
            ["Bootstrap:AdminEmail"] = "admin@sil.test",
            ["Bootstrap:AdminPassword"] = "bootstrap-admin-password",
            ["RateLimits:SignInPerMinute"] = "100000",
            ["RateLimits:ReportsPerMinute"] = "100000",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task Ten_thousand_hostile_requests_never_get_a_500_and_every_refusal_is_a_problem()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var admin = _app.CreateClient();
        var login = await admin.PostAsJsonAsync("/api/auth/login", new { email = "admin@sil.test", password = "bootstrap-admin-password" });
        var token = await login.Content.ReadFromJsonAsync<IncidentsApp.TokenResponse>();
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token!.AccessToken);
        var anonymous = _app.CreateClient();
        var incident = await staff.ReportAsync(Api.Breach());
        var agreement = DemoData.AgreementIdFor(DemoData.MerseyValeId);
        var discrepancy = await (await staff.PostAsJsonAsync("/api/discrepancies", new { agreementId = agreement, dataItem = "Date of birth", providerOrganisationId = DemoData.SilId, upns = new[] { "B801200005001" } }))
            .Content.ReadFromJsonAsync<JsonObject>();
        var discrepancyId = discrepancy!["id"]!.GetValue<Guid>();

        var targets = new (HttpClient Client, HttpMethod Method, string Path, JsonObject Template)[]
        {
            (staff, HttpMethod.Post, "/api/incidents", Template(Api.Breach())),
            (dpo, HttpMethod.Post, $"/api/incidents/{incident.Id}/triage", Template(new { version = 0, classification = "PersonalDataBreach", awareAt = DateTimeOffset.UtcNow, severity = new { dataProcessingContext = 2, easeOfIdentification = 1.0 } })),
            (dpo, HttpMethod.Post, $"/api/incidents/{incident.Id}/decision", Template(new { version = 0, personalDataOfLivingPeople = true, riskLikely = true, highRisk = false, outcome = "ReportToIco", rationale = "Because" })),
            (dpo, HttpMethod.Post, $"/api/incidents/{incident.Id}/ico-filings", Template(new { version = 0, submittedAt = DateTimeOffset.UtcNow, icoCaseReference = "IC-1", phase = "Initial", nature = "n", dataSubjectCategories = "Pupils", approximateDataSubjects = 1, dpoContact = "d", likelyConsequences = "l", measures = "m" })),
            (dpo, HttpMethod.Post, $"/api/incidents/{incident.Id}/data-subject-notices", Template(new { version = 0, notifiedAt = DateTimeOffset.UtcNow, method = "Letter", peopleNotified = 1, exception = "RiskNoLongerLikely", notes = "n" })),
            (dpo, HttpMethod.Post, $"/api/incidents/{incident.Id}/actions", Template(new { version = 0, kind = "Containment", description = "d", assignedTo = "a", dueDate = "2026-12-01" })),
            (dpo, HttpMethod.Post, $"/api/incidents/{incident.Id}/actions/{Guid.NewGuid()}/complete", Template(new { version = 0, note = "n" })),
            (dpo, HttpMethod.Post, $"/api/incidents/{incident.Id}/close", Template(new { version = 0, lessonsLearned = "l", force = true, forceReason = "r" })),
            (dpo, HttpMethod.Post, $"/api/incidents/{incident.Id}/reopen", Template(new { version = 0, reason = "r" })),
            (dpo, HttpMethod.Post, $"/api/agreements/{agreement}/suspensions", Template(new { reason = "r", evidence = "e", incidentIds = new[] { incident.Id }, renew = false })),
            (dpo, HttpMethod.Post, $"/api/agreements/{agreement}/suspensions/{Guid.NewGuid()}/lift", Template(new { reason = "r" })),
            (admin, HttpMethod.Post, "/api/users", Template(new { email = "x@merseyvale.test", displayName = "X", organisationId = DemoData.MerseyValeId, role = "Reporter", password = "a-long-initial-password" })),
            (admin, HttpMethod.Post, "/api/organisations", Template(new { name = "School", urn = "123456" })),
            (admin, HttpMethod.Post, $"/api/organisations/{DemoData.BrambledownId}/contacts", Template(new { name = "N", email = "n@brambledown.test", role = "DesignatedOfficer" })),
            (admin, HttpMethod.Post, "/api/agreements", Template(new { schoolOrganisationId = DemoData.KestrelHeightsId, version = 2, startDate = "2027-09-01" })),
            (admin, HttpMethod.Put, $"/api/agreements/{agreement}", Template(new { version = 1, startDate = "2026-09-01", terminate = false })),
            (admin, HttpMethod.Post, "/api/api-keys", Template(new { name = "k" })),
            (dpo, HttpMethod.Put, "/api/notice-templates/AgreementReviewDue", Template(new { subject = "Review {{ agreement.school }}", body = "Dear {{ recipient.name }},\n\n{% if agreement.review_date %}{{ agreement.review_date | upcase }}{% endif %}\n" })),
            (dpo, HttpMethod.Post, "/api/notice-templates/IncidentReported/preview", Template(new { subject = "{{ incident.reference }}", body = "{{ incident.summary }}", incidentReference = "INC-2026-00001", @as = "Dpo" })),
            (admin, HttpMethod.Put, $"/api/contacts/{Guid.NewGuid()}", Template(new { name = "N", email = "n@brambledown.test", role = "DesignatedOfficer", active = true })),
            (anonymous, HttpMethod.Post, "/api/auth/login", Template(new { email = "staff@merseyvale.test", password = "wrong" })),
            (anonymous, HttpMethod.Post, "/api/auth/refresh", Template(new { refreshToken = "x" })),
            (staff, HttpMethod.Post, "/api/discrepancies", Template(new { agreementId = agreement, dataItem = "Date of birth", providerOrganisationId = DemoData.SilId, upns = new[] { "B801200005001", "E341123456789" }, details = "d", held = new[] { new { raiserHolds = "a", providerHolds = "b" } } })),
            (dpo, HttpMethod.Post, $"/api/discrepancies/{discrepancyId}/corrections", Template(new { version = 1, corrections = new[] { new { upn = "B801200005001", correction = "c", providerHolds = "p" } } })),
            (staff, HttpMethod.Post, $"/api/discrepancies/{discrepancyId}/confirmations", Template(new { version = 1 })),
        };

        var random = new Random(20261129);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        for (var i = 0; i < Requests; i++)
        {
            var (client, method, path, template) = targets[i % targets.Length];
            var request = new HttpRequestMessage(method, i % 50 == 7 ? path.Replace(incident.Id.ToString(), "not-a-guid", StringComparison.Ordinal) : path);
            string body;
            if (i % 17 == 0)
            {
                body = BrokenBodies[random.Next(BrokenBodies.Length)];
            }
            else
            {
                var mutated = (JsonObject)template.DeepClone();
                var fields = mutated.Select(p => p.Key).ToList();
                var changes = 1 + random.Next(Math.Min(3, fields.Count));
                for (var c = 0; c < changes; c++)
                {
                    var field = fields[random.Next(fields.Count)];
                    mutated[field] = HostileValues[random.Next(HostileValues.Length)]?.DeepClone();
                }

                if (random.Next(10) == 0)
                {
                    mutated["unexpected" + random.Next(3)] = HostileValues[random.Next(HostileValues.Length)]?.DeepClone();
                }

                body = mutated.ToJsonString();
            }

            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
            {
                failures.Add($"{status} {method} {path}: {Shorten(body)}");
            }
            else if (status >= 400 && response.Content.Headers.ContentLength != 0)
            {
                var type = response.Content.Headers.ContentType?.MediaType;
                if (type != "application/problem+json")
                {
                    failures.Add($"{status} without ProblemDetails ({type}) {method} {path}: {Shorten(body)}");
                }
            }

            if (failures.Count >= 20)
            {
                break;
            }
        }

        Assert.True(failures.Count == 0, "Hostile input answered badly:\n" + string.Join("\n", failures));
        Assert.True(statuses.Values.Sum() >= Requests, $"Only {statuses.Values.Sum()} requests were made");
        Assert.True(statuses.Keys.Any(s => s is >= 200 and < 300), "Some generated requests are valid and succeed: " + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));

        // Whatever the valid ones caused to be emailed carries no injected header and no raw script.
        await Task.Delay(2000);
        foreach (var message in _smtp.Messages)
        {
            Assert.DoesNotContain(message.GetRecipients(), a => a.Address.Contains("evil", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(message.Headers, h => h.Field is "Bcc" || h.Value.Contains("injected", StringComparison.Ordinal) && h.Field != "Subject");
            Assert.DoesNotContain("\n", message.Subject ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", message.HtmlBody ?? string.Empty, StringComparison.Ordinal);
        }
    }

    private static JsonObject Template(object value) => JsonSerializer.SerializeToNode(value, Api.Json)!.AsObject();

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
