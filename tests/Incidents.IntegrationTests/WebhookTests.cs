using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incidents.Application.Features.Triage;
using Incidents.Application.Features.Webhooks;
using Incidents.Domain.Webhooks;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace Incidents.IntegrationTests;

/// <summary>Webhooks for data-transfer systems: signed as Standard Webhooks says, written with the event, delivered
/// through an outbox at least once with a stable webhook-id, across a receiver outage and an app restart.</summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private static readonly Guid MerseyValeAgreement = DemoData.AgreementIdFor(DemoData.MerseyValeId);
    private readonly TestSmtpServer _smtp = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("incidents-webhooks-").FullName;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _smtp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        IncidentsApp.TryDelete(_directory);
    }

    [Fact]
    public async Task A_receiver_verifies_each_signature_and_accepts_each_event_once_per_delivery_id_across_an_outage_and_a_restart()
    {
        RegisteredWebhook registered;
        Guid incidentId;
        await using (var app = new IncidentsApp(_smtp, _directory, settings: Settings(allowHttp: true)))
        {
            var admin = await SignInAdminAsync(app);
            var response = await admin.PostAsJsonAsync("/api/webhooks", new { url = _receiver.Url.AbsoluteUri, events = WebhookEvents.All, description = "Perspective Lite transfers" });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            registered = (await response.Content.ReadFromJsonAsync<RegisteredWebhook>(Api.Json))!;
            Assert.True(WebhookSecret.IsValid(registered.Secret), registered.Secret);
            _receiver.Secret = registered.Secret;

            // The secret is kept only in protected form, and never shown again.
            var stored = await app.WithDbAsync(db => db.Set<WebhookEndpoint>().AsNoTracking().SingleAsync(e => e.Id == registered.Id));
            Assert.DoesNotContain(registered.Secret[WebhookSecret.Prefix.Length..], stored.ProtectedSecret, StringComparison.Ordinal);
            Assert.DoesNotContain(registered.Secret[WebhookSecret.Prefix.Length..], await admin.GetStringAsync("/api/webhooks"), StringComparison.Ordinal);

            // The receiver is down: the first deliveries are answered 500 and tried again with the same webhook-id.
            _receiver.Down = true;
            var staff = await app.SignInAsync("staff@merseyvale.test");
            var dpo = await app.SignInAsync("dpo@sil.test");
            var reported = await staff.ReportAsync(Api.Breach());
            incidentId = reported.Id;
            var incident = await dpo.GetIncidentAsync(reported.Id);
            await Ok(dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/triage", new { version = incident.Version, classification = "PersonalDataBreach" }));
            await Created(dpo.PostAsJsonAsync($"/api/agreements/{MerseyValeAgreement}/suspensions", new
            {
                reason = "Pupil data sent to the wrong parent twice in a week",
                incidentIds = new[] { reported.Id },
            }));

            var retried = await Wait.UntilAsync(
                () => Task.FromResult(_receiver.Requests.ToArray()),
                requests => requests.GroupBy(r => r.WebhookId).Count(g => g.Count() >= 2) == 3,
                what: "each of the three deliveries to be tried at least twice during the outage");
            Assert.All(retried, r => Assert.True(r.Verified, $"signature of {r.WebhookId} did not verify"));
            Assert.All(retried, r => Assert.Equal(500, r.Status));
            Assert.Empty(_receiver.Accepted);
        }

        // The app stops with the three deliveries still owed; the rows survive and the restarted app sends them.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        _receiver.Down = false;
        await using (var app = new IncidentsApp(_smtp, _directory, settings: Settings(allowHttp: true)))
        {
            var dpo = await app.SignInAsync("dpo@sil.test");
            await Wait.UntilAsync(() => Task.FromResult(_receiver.Accepted.Count), n => n == 3, what: "the three owed deliveries after the restart");

            var incident = await dpo.GetIncidentAsync(incidentId);
            var decided = await Ok(dpo.PostAsJsonAsync($"/api/incidents/{incidentId}/decision", new
            {
                version = incident.Version, personalDataOfLivingPeople = true, riskLikely = true, highRisk = false, outcome = "ReportToIco",
                rationale = "Names and UPNs of 28 pupils; the parent deleted the file.",
            }));
            var filed = await Created(dpo.PostAsJsonAsync($"/api/incidents/{incidentId}/ico-filings", new
            {
                version = decided.GetProperty("version").GetInt32(), submittedAt = DateTimeOffset.UtcNow.AddMinutes(-1), icoCaseReference = "IC-123456-A1B2",
                phase = "Initial", nature = "A class list was emailed to one parent.", dataSubjectCategories = "Pupils", approximateDataSubjects = 28,
                dpoContact = "SIL's DPO", likelyConsequences = "Low.", measures = "Deleted.",
            }));
            await Ok(dpo.PostAsJsonAsync($"/api/incidents/{incidentId}/close", new { version = filed.GetProperty("version").GetInt32(), lessonsLearned = "Check recipients first." }));
            var agreement = await dpo.GetFromJsonAsync<JsonElement>($"/api/agreements/{MerseyValeAgreement}");
            var renewed = await Created(dpo.PostAsJsonAsync($"/api/agreements/{MerseyValeAgreement}/suspensions", new
            {
                reason = "A third incident", incidentIds = new[] { incidentId }, renew = true,
            }));
            await Ok(dpo.PostAsJsonAsync($"/api/agreements/{MerseyValeAgreement}/suspensions/{renewed.GetProperty("id").GetGuid()}/lift", new { reason = "Training done." }));
            Assert.Equal("Suspended", agreement.GetProperty("status").GetString());

            await Wait.UntilAsync(() => Task.FromResult(_receiver.Accepted.Count), n => n == 8, what: "eight events delivered");
            // The receiver counts a delivery as it answers; the app marks its row once it has read that answer.
            var rows = await Wait.UntilAsync(
                () => app.WithDbAsync(db => db.Set<WebhookDelivery>().AsNoTracking().ToListAsync()),
                r => r.Count == 8 && r.All(d => d.Status != WebhookDeliveryStatus.Sending),
                what: "the eight deliveries marked after their answers");
            Assert.All(rows, r => Assert.Equal(WebhookDeliveryStatus.Delivered, r.Status));

            // Each event once per delivery id: every row's id was accepted exactly once, and the retried ids are among them.
            Assert.Equal(rows.Select(r => r.Id.ToString("D")).Order(), _receiver.Accepted.Keys.Order());
            Assert.All(_receiver.Accepted, a => Assert.Equal(1, a.Value));
            Assert.All(_receiver.Requests, r => Assert.True(r.Verified));
            Assert.All(_receiver.Requests, r => Assert.StartsWith("v1,", r.Signature, StringComparison.Ordinal));
            var accepted = _receiver.Requests.Where(r => r.Status == 200).ToList();
            var types = accepted.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()).Order().ToList();
            Assert.Equal(
                new[]
                {
                    WebhookEvents.AgreementSuspended, WebhookEvents.AgreementSuspensionLifted, WebhookEvents.AgreementSuspensionRenewed,
                    WebhookEvents.IncidentClassified, WebhookEvents.IncidentClosed, WebhookEvents.IncidentDecided, WebhookEvents.IncidentReported,
                    WebhookEvents.IncidentReportedToIco,
                }.Order(),
                types);
            Assert.True(rows.Single(r => r.EventType == WebhookEvents.IncidentReported).Attempts >= 3, "the report was tried during the outage and again after the restart");

            // Ids and states only: nothing a person wrote, no names, no addresses.
            Assert.All(accepted, r =>
            {
                Assert.DoesNotContain("spreadsheet", r.Body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("wrong parent", r.Body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("@", r.Body, StringComparison.Ordinal);
                Assert.DoesNotContain("Dana", r.Body, StringComparison.Ordinal);
            });
            var reportedBody = JsonDocument.Parse(accepted.First(r => r.Body.Contains(WebhookEvents.IncidentReported + "\"", StringComparison.Ordinal)).Body).RootElement;
            Assert.Equal(incidentId, reportedBody.GetProperty("data").GetProperty("incidentId").GetGuid());

            // The delivery history the admin sees.
            var admin = await SignInAdminAsync(app);
            var history = await admin.GetFromJsonAsync<List<WebhookDeliveryView>>($"/api/webhooks/{registered.Id}/deliveries", Api.Json);
            var first = history!.Single(d => d.EventType == WebhookEvents.IncidentReported);
            Assert.Equal(200, first.LastStatusCode);
            Assert.True(first.Attempts >= 3);
            Assert.Null(first.LastError);
            var page = await (await app.SignInWithCookieAsync("admin@sil.test")).GetStringAsync("/webhooks");
            Assert.Contains("Perspective Lite transfers", page, StringComparison.Ordinal);
            Assert.Contains("Incident reported", page, StringComparison.Ordinal);
            Assert.Contains("Delivered (", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Plain_http_and_internal_addresses_are_refused_naming_url_and_only_admins_manage_webhooks()
    {
        await using var app = new IncidentsApp(_smtp, _directory, settings: Settings(allowHttp: false));
        var admin = await SignInAdminAsync(app);

        foreach (var url in new[] { _receiver.Url.AbsoluteUri, "https://127.0.0.1/hooks", "https://10.1.2.3/hooks", "https://169.254.169.254/latest", "https://[::1]/x", "https://localhost/x", "ftp://example.org/x", "not a url" })
        {
            var response = await admin.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { WebhookEvents.AgreementSuspended } });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), $"{url}: {problem}");
        }

        var badEvents = await admin.PostAsJsonAsync("/api/webhooks", new { url = "https://transfers.example.org/hooks", events = new[] { "incident.deleted" } });
        Assert.Equal(HttpStatusCode.BadRequest, badEvents.StatusCode);
        Assert.True((await badEvents.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("events", out _));
        var badSecret = await admin.PostAsJsonAsync("/api/webhooks", new { url = "https://transfers.example.org/hooks", events = new[] { WebhookEvents.AgreementSuspended }, secret = "hunter2" });
        Assert.Equal(HttpStatusCode.BadRequest, badSecret.StatusCode);
        Assert.True((await badSecret.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("secret", out _));

        // A secret the integrator chose is kept (and answered once); https to a public name is accepted.
        var chosen = WebhookSecret.Generate();
        var ok = await admin.PostAsJsonAsync("/api/webhooks", new { url = "https://transfers.example.org/hooks", events = new[] { WebhookEvents.AgreementSuspended }, secret = chosen });
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var created = (await ok.Content.ReadFromJsonAsync<RegisteredWebhook>(Api.Json))!;
        Assert.Equal(chosen, created.Secret);

        var dpo = await app.SignInAsync("dpo@sil.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await dpo.PostAsJsonAsync("/api/webhooks", new { url = "https://transfers.example.org/hooks", events = new[] { WebhookEvents.AgreementSuspended } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dpo.GetAsync($"/api/webhooks/{created.Id}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/webhooks/{Guid.NewGuid()}/deliveries")).StatusCode);

        // Disabled: no new deliveries are written for it. Deleted: gone with its history.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/webhooks/{created.Id}/disable", null)).StatusCode);
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var reported = await staff.ReportAsync(Api.Breach());
        await (await app.SignInAsync("dpo@sil.test")).PostAsJsonAsync($"/api/agreements/{MerseyValeAgreement}/suspensions", new { reason = "Evidence", incidentIds = new[] { reported.Id } });
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<WebhookDelivery>().CountAsync()));
        var listed = await admin.GetFromJsonAsync<List<WebhookView>>("/api/webhooks", Api.Json);
        Assert.False(Assert.Single(listed!).Active);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/webhooks/{created.Id}")).StatusCode);
        Assert.Empty((await admin.GetFromJsonAsync<List<WebhookView>>("/api/webhooks", Api.Json))!);
    }

    private static Dictionary<string, string?> Settings(bool allowHttp) => new()
    {
        ["Bootstrap:AdminEmail"] = "admin@sil.test",
        ["Bootstrap:AdminPassword"] = IncidentsApp.DemoPassword,
        ["Webhooks:AllowHttp"] = allowHttp ? "true" : "false",
        ["Webhooks:FirstRetryDelay"] = "00:00:00.300",
        ["Webhooks:MaxRetryDelay"] = "00:00:00.600",
        ["Webhooks:MaxAttempts"] = "1000",
    };

    private static async Task<HttpClient> SignInAdminAsync(IncidentsApp app)
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "admin@sil.test", password = IncidentsApp.DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<IncidentsApp.TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    private static Task<JsonElement> Ok(Task<HttpResponseMessage> request) => Expect(request, HttpStatusCode.OK);

    private static Task<JsonElement> Created(Task<HttpResponseMessage> request) => Expect(request, HttpStatusCode.Created);

    private static async Task<JsonElement> Expect(Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
