using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Incidents.ReliabilityTests;

/// <summary>
/// Every endpoint × every role × own / other organisation, compared with the expected answer. The table is the
/// one in docs/security.md: the test fails when they differ, so the document cannot go stale.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private const string AdminEmail = "admin@sil.test";
    private const string AdminPassword = "bootstrap-admin-password";
    private static readonly Guid MerseyValeAgreement = DemoData.AgreementIdFor(DemoData.MerseyValeId);

    private static readonly (string Name, string? Email)[] Personas =
    [
        ("anonymous", null),
        ("school staff (own school)", "staff@merseyvale.test"),
        ("school officer (own school)", "officer@merseyvale.test"),
        ("school officer (other school)", "officer@brambledown.test"),
        ("SIL staff", "staff@sil.test"),
        ("SIL officer", "officer@sil.test"),
        ("DPO", "dpo@sil.test"),
        ("Admin", AdminEmail),
    ];

    private IncidentsApp _app = null!;
    private readonly Dictionary<string, HttpClient> _clients = [];
    private HttpClient _dpo = null!;
    private HttpClient _staff = null!;
    private HttpClient _schoolOfficer = null!;
    private int _unique;

    public async Task InitializeAsync()
    {
        _app = new IncidentsApp(smtp: null, settings: new Dictionary<string, string?>
        {
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["RateLimits:SignInPerMinute"] = "1000",
        });
        foreach (var (name, email) in Personas)
        {
            var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            if (email is not null)
            {
                var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = email == AdminEmail ? AdminPassword : IncidentsApp.DemoPassword });
                login.EnsureSuccessStatusCode();
                var token = await login.Content.ReadFromJsonAsync<IncidentsApp.TokenResponse>();
                client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token!.AccessToken);
            }

            _clients[name] = client;
        }

        _dpo = _clients["DPO"];
        _staff = _clients["school staff (own school)"];
        _schoolOfficer = _clients["school officer (own school)"];
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A throw-away account for the account rows, so disabling it ends nobody else's session.</summary>
    private async Task<string> NewAccountAsync()
    {
        var created = await _clients["Admin"].PostAsJsonAsync("/api/users", new
        {
            email = $"throwaway{Interlocked.Increment(ref _unique)}@merseyvale.test",
            displayName = "Throw Away",
            organisationId = DemoData.MerseyValeId,
            role = "Reporter",
            password = "a-long-initial-password",
        });
        created.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>One row: a request made fresh for each persona (so one persona's change cannot decide another's answer).</summary>
    private sealed record Row(string Endpoint, Func<Task<HttpRequestMessage>> Request, int[] Expected);

    private IEnumerable<Row> Rows()
    {
        yield return new("GET /health/live", () => Get("/health/live"), [200, 200, 200, 200, 200, 200, 200, 200]);
        yield return new("GET /api/organisations", () => Get("/api/organisations"), [401, 200, 200, 200, 200, 200, 200, 200]);
        yield return new("POST /api/incidents (counterparty SIL)", () => Task.FromResult(Post("/api/incidents", Api.Breach())), [401, 201, 201, 201, 400, 400, 400, 400]);
        yield return new("GET /api/incidents", () => Get("/api/incidents"), [401, 200, 200, 200, 200, 200, 200, 200]);
        yield return new("GET /api/incidents/{id} (own school's report)", async () => await Get($"/api/incidents/{await NewIncidentAsync()}"), [401, 200, 200, 404, 404, 200, 200, 200]);
        yield return new("GET /api/incidents/{id}/audit", async () => await Get($"/api/incidents/{await NewIncidentAsync()}/audit"), [401, 200, 200, 404, 404, 200, 200, 200]);
        yield return new("GET /api/incidents/{id}/ico-summary", async () => await Get($"/api/incidents/{await NewIncidentAsync()}/ico-summary"), [401, 200, 200, 404, 404, 200, 200, 200]);
        yield return new("POST /api/incidents/{id}/updates", async () =>
        {
            var (id, version) = await NewIncidentWithVersionAsync();
            return Post($"/api/incidents/{id}/updates", new { version, note = "A corrected head-count: 29." });
        }, [401, 201, 201, 404, 404, 201, 201, 201]);
        yield return new("PUT /api/incidents/{id}/facts", async () =>
        {
            var (id, version) = await NewIncidentWithVersionAsync();
            return new HttpRequestMessage(HttpMethod.Put, $"/api/incidents/{id}/facts") { Content = JsonContent.Create(new { version, howDiscovered = "A parent rang." }) };
        }, [401, 403, 403, 403, 403, 403, 200, 200]);
        yield return new("GET /api/register/export", () => Get("/api/register/export?format=csv"), [401, 200, 200, 200, 200, 200, 200, 200]);
        yield return new("POST /api/incidents/{id}/attachments", async () => Upload(await NewIncidentAsync()), [401, 201, 201, 404, 404, 201, 201, 201]);
        yield return new("GET /api/incidents/{id}/attachments", async () => await Get($"/api/incidents/{await NewIncidentAsync()}/attachments"), [401, 200, 200, 404, 404, 200, 200, 200]);
        yield return new("GET /api/incidents/{id}/attachments/{attachmentId}", async () =>
        {
            var id = await NewIncidentAsync();
            var added = await Send(_staff, Upload(id));
            added.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await added.Content.ReadAsStringAsync());
            return await Get($"/api/incidents/{id}/attachments/{body.RootElement.GetProperty("id").GetGuid()}");
        }, [401, 200, 200, 404, 404, 200, 200, 200]);
        yield return new("GET /api/triage", () => Get("/api/triage"), [401, 403, 403, 403, 403, 403, 200, 200]);
        yield return new("POST /api/incidents/{id}/triage", async () =>
        {
            var (id, version) = await NewIncidentWithVersionAsync();
            return Post($"/api/incidents/{id}/triage", new { version, classification = "PersonalDataBreach" });
        }, [401, 403, 403, 403, 403, 403, 200, 200]);
        yield return new("POST /api/incidents/{id}/decision", async () =>
        {
            var (id, version) = await NewIncidentWithVersionAsync();
            return Post($"/api/incidents/{id}/decision", Decision(version, "ReportToIcoAndDataSubjects"));
        }, [401, 403, 403, 403, 403, 403, 200, 200]);
        yield return new("POST /api/incidents/{id}/ico-filings", async () =>
        {
            var (id, version) = await DecidedIncidentAsync();
            return Post($"/api/incidents/{id}/ico-filings", Filing(version));
        }, [401, 403, 403, 403, 403, 403, 201, 201]);
        yield return new("POST /api/incidents/{id}/data-subject-notices", async () =>
        {
            var (id, version) = await DecidedIncidentAsync();
            return Post($"/api/incidents/{id}/data-subject-notices", new { version, notifiedAt = DateTimeOffset.UtcNow, method = "Letter", peopleNotified = 3 });
        }, [401, 403, 403, 403, 403, 403, 201, 201]);
        yield return new("POST /api/incidents/{id}/actions", async () =>
        {
            var (id, version) = await NewIncidentWithVersionAsync();
            return Post($"/api/incidents/{id}/actions", new { version, kind = "Containment", description = "Recall the email", assignedTo = "Office" });
        }, [401, 403, 201, 404, 403, 201, 201, 201]);
        yield return new("POST /api/incidents/{id}/actions/{actionId}/complete", async () =>
        {
            var (id, version) = await NewIncidentWithVersionAsync();
            var added = await Send(_dpo, Post($"/api/incidents/{id}/actions", new { version, kind = "Remedial", description = "Train staff", assignedTo = "Head" }));
            using var body = JsonDocument.Parse(await added.Content.ReadAsStringAsync());
            var actionId = body.RootElement.GetProperty("id").GetGuid();
            return Post($"/api/incidents/{id}/actions/{actionId}/complete", new { version = body.RootElement.GetProperty("version").GetInt32(), note = "Done" });
        }, [401, 403, 200, 404, 403, 200, 200, 200]);
        yield return new("POST /api/incidents/{id}/close", async () =>
        {
            var (id, version) = await DecidedIncidentAsync();
            return Post($"/api/incidents/{id}/close", new { version, lessonsLearned = "Check recipients." });
        }, [401, 403, 403, 403, 403, 403, 200, 200]);
        yield return new("POST /api/incidents/{id}/reopen", async () =>
        {
            var (id, version) = await DecidedIncidentAsync();
            var closed = await Send(_dpo, Post($"/api/incidents/{id}/close", new { version, lessonsLearned = "Check recipients." }));
            using var body = JsonDocument.Parse(await closed.Content.ReadAsStringAsync());
            return Post($"/api/incidents/{id}/reopen", new { version = body.RootElement.GetProperty("version").GetInt32(), reason = "New facts" });
        }, [401, 403, 403, 403, 403, 403, 200, 200]);
        yield return new("GET /api/audit/verify", () => Get("/api/audit/verify"), [401, 403, 403, 403, 403, 403, 200, 200]);
        yield return new("POST /api/users", () => Task.FromResult(Post("/api/users", new
        {
            email = $"new{Interlocked.Increment(ref _unique)}@merseyvale.test",
            displayName = "New Person",
            organisationId = DemoData.MerseyValeId,
            role = "Reporter",
            password = "a-long-initial-password",
        })), [401, 403, 403, 403, 403, 403, 403, 201]);
        yield return new("GET /api/users", () => Get("/api/users"), [401, 403, 403, 403, 403, 403, 403, 200]);
        yield return new("POST /api/users/{id}/disable (another account)", async () => Post($"/api/users/{await NewAccountAsync()}/disable", new { }), [401, 403, 403, 403, 403, 403, 403, 200]);
        yield return new("POST /api/users/{id}/enable", async () => Post($"/api/users/{await NewAccountAsync()}/enable", new { }), [401, 403, 403, 403, 403, 403, 403, 200]);
        yield return new("POST /api/users/{id}/password", async () => Post($"/api/users/{await NewAccountAsync()}/password", new { newPassword = "reset by the administrator" }), [401, 403, 403, 403, 403, 403, 403, 200]);
        yield return new("POST /api/auth/password (own password, wrong current one)", () => Task.FromResult(Post("/api/auth/password", new { currentPassword = "not-the-password", newPassword = "a new long password" })), [401, 400, 400, 400, 400, 400, 400, 400]);
        yield return new("GET /api/agreements", () => Get("/api/agreements"), [401, 200, 200, 200, 200, 200, 200, 200]);
        yield return new("GET /api/agreements/{id} (own school's)", () => Get($"/api/agreements/{MerseyValeAgreement}"), [401, 200, 200, 404, 200, 200, 200, 200]);
        yield return new("GET /api/agreements/{id}/audit", () => Get($"/api/agreements/{MerseyValeAgreement}/audit"), [401, 200, 200, 404, 200, 200, 200, 200]);
        yield return new("GET /api/agreements/{id}/sharing-status", () => Get($"/api/agreements/{MerseyValeAgreement}/sharing-status"), [401, 200, 200, 404, 200, 200, 200, 200]);
        yield return new("GET /api/schools/{urn}/sharing-status", () => Get("/api/schools/990001/sharing-status"), [401, 200, 200, 404, 200, 200, 200, 200]);
        yield return new("POST /api/agreements/{id}/suspensions", async () =>
        {
            await ReinstateAsync();
            return Post($"/api/agreements/{MerseyValeAgreement}/suspensions", new { reason = "Serious breach", incidentIds = new[] { await NewIncidentAsync() } });
        }, [401, 403, 201, 403, 403, 201, 201, 403]);
        yield return new("POST /api/agreements/{id}/suspensions/{sid}/lift (suspended by SIL)", async () =>
        {
            await ReinstateAsync();
            var suspended = await Send(_dpo, Post($"/api/agreements/{MerseyValeAgreement}/suspensions", new { reason = "Serious breach", incidentIds = new[] { await NewIncidentAsync() } }));
            using var body = JsonDocument.Parse(await suspended.Content.ReadAsStringAsync());
            return Post($"/api/agreements/{MerseyValeAgreement}/suspensions/{body.RootElement.GetProperty("id").GetGuid()}/lift", new { reason = "Resolved" });
        }, [401, 403, 403, 403, 403, 200, 200, 403]);
        yield return new("POST /api/agreements/{id}/suspensions renew (suspended by SIL)", async () =>
        {
            await SuspendAsync(_dpo);
            return Post($"/api/agreements/{MerseyValeAgreement}/suspensions", new { reason = "More evidence", incidentIds = new[] { await NewIncidentAsync() }, renew = true });
        }, [401, 403, 403, 403, 403, 201, 201, 403]);
        yield return new("POST /api/agreements/{id}/suspensions renew (suspended by the school)", async () =>
        {
            await SuspendAsync(_schoolOfficer);
            return Post($"/api/agreements/{MerseyValeAgreement}/suspensions", new { reason = "More evidence", incidentIds = new[] { await NewIncidentAsync() }, renew = true });
        }, [401, 403, 201, 403, 403, 403, 201, 403]);
        yield return new("POST /api/agreements/{id}/suspensions/{sid}/lift (suspended by the school)", async () =>
        {
            var id = await SuspendAsync(_schoolOfficer);
            return Post($"/api/agreements/{MerseyValeAgreement}/suspensions/{id}/lift", new { reason = "Resolved" });
        }, [401, 403, 200, 403, 403, 403, 200, 403]);
        yield return new("POST /api/agreements/{id}/suspensions/{sid}/lift (suspended by the school, renewed by the DPO)", async () =>
        {
            await SuspendAsync(_schoolOfficer);
            var renewed = await Send(_dpo, Post($"/api/agreements/{MerseyValeAgreement}/suspensions", new { reason = "More evidence", incidentIds = new[] { await NewIncidentAsync() }, renew = true }));
            renewed.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await renewed.Content.ReadAsStringAsync());
            return Post($"/api/agreements/{MerseyValeAgreement}/suspensions/{body.RootElement.GetProperty("id").GetGuid()}/lift", new { reason = "Resolved" });
        }, [401, 403, 200, 403, 403, 403, 200, 403]);
        yield return new("POST /api/agreements/{id}/suspensions/{sid}/attachments", async () =>
        {
            var id = await SuspendAsync(_dpo);
            return UploadTo($"/api/agreements/{MerseyValeAgreement}/suspensions/{id}/attachments");
        }, [401, 403, 201, 404, 403, 201, 201, 403]);
        yield return new("GET /api/agreements/{id}/suspensions/{sid}/attachments", async () =>
            await Get($"/api/agreements/{MerseyValeAgreement}/suspensions/{await SuspendAsync(_dpo)}/attachments"), [401, 404, 200, 404, 404, 200, 200, 200]);
        yield return new("GET /api/agreements/{id}/suspensions/{sid}/attachments/{attachmentId}", async () =>
        {
            var url = $"/api/agreements/{MerseyValeAgreement}/suspensions/{await SuspendAsync(_dpo)}/attachments";
            var added = await Send(_dpo, UploadTo(url));
            added.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await added.Content.ReadAsStringAsync());
            return await Get($"{url}/{body.RootElement.GetProperty("id").GetGuid()}");
        }, [401, 404, 200, 404, 404, 200, 200, 200]);
        yield return new("POST /api/agreements", () => Task.FromResult(Post("/api/agreements", new { schoolOrganisationId = DemoData.KestrelHeightsId, version = 10 + Interlocked.Increment(ref _unique), startDate = "2027-09-01" })),
            [401, 403, 403, 403, 403, 403, 403, 201]);
        yield return new("PUT /api/agreements/{id}", () => Put($"/api/agreements/{DemoData.AgreementIdFor(DemoData.BrambledownId)}", new { version = 1, startDate = "2026-09-01" }),
            [401, 403, 403, 403, 403, 403, 403, 200]);
        yield return new("POST /api/organisations", () => Task.FromResult(Post("/api/organisations", new { name = "New School", urn = (880000 + Interlocked.Increment(ref _unique)).ToString(CultureInfo.InvariantCulture) })),
            [401, 403, 403, 403, 403, 403, 403, 201]);
        yield return new("POST /api/organisations/{id}/contacts", () => Task.FromResult(Post($"/api/organisations/{DemoData.BrambledownId}/contacts", new { name = "New Officer", email = "new.officer@brambledown.test", role = "DesignatedOfficer" })),
            [401, 403, 403, 403, 403, 403, 403, 201]);
        yield return new("GET /api/api-keys", () => Get("/api/api-keys"), [401, 403, 403, 403, 403, 403, 403, 200]);
        yield return new("POST /api/api-keys", () => Task.FromResult(Post("/api/api-keys", new { name = "Transfer" })), [401, 403, 403, 403, 403, 403, 403, 201]);
        yield return new("GET /api/notice-templates", () => Get("/api/notice-templates"), [401, 403, 403, 403, 403, 403, 200, 200]);
        yield return new("PUT /api/notice-templates/{type}", () => Put("/api/notice-templates/AgreementReviewDue", new { subject = "Review due {{ agreement.review_date }}", body = "Dear {{ recipient.name }},\n\nReview {{ agreement.school }}.\n" }),
            [401, 403, 403, 403, 403, 403, 200, 200]);
        yield return new("POST /api/notice-templates/{type}/revert", () => Task.FromResult(Post("/api/notice-templates/AgreementReviewDue/revert", new { })), [401, 403, 403, 403, 403, 403, 200, 200]);
        yield return new("POST /api/notice-templates/{type}/preview", () => Task.FromResult(Post("/api/notice-templates/IncidentReported/preview", new { })), [401, 403, 403, 403, 403, 403, 200, 200]);
        yield return new("PUT /api/contacts/{id}", async () => await Put($"/api/contacts/{await ContactIdAsync("officer@brambledown.test")}", new { name = "Brambledown Officer", email = "officer@brambledown.test", role = "DesignatedOfficer", active = true }),
            [401, 403, 403, 403, 403, 403, 200, 200]);
        yield return new("GET /api/notifications/{id}", async () => await Get($"/api/notifications/{await FailedNotificationAsync()}"), [401, 403, 403, 403, 403, 403, 200, 200]);
        yield return new("POST /api/notifications/{id}/resend", async () => Post($"/api/notifications/{await FailedNotificationAsync()}/resend", new { }), [401, 403, 403, 403, 403, 403, 201, 201]);
        yield return new("GET /api/organisations/{id}/reporting-link", () => Get($"/api/organisations/{DemoData.MerseyValeId}/reporting-link"), [401, 403, 403, 403, 403, 403, 403, 200]);
        yield return new("POST /api/organisations/{id}/reporting-link/rotate", () => Task.FromResult(Post($"/api/organisations/{DemoData.MerseyValeId}/reporting-link/rotate", new { })), [401, 403, 403, 403, 403, 403, 403, 200]);
        yield return new("PUT /api/organisations/{id}/reporting-link", async () =>
        {
            (await Send(_clients["Admin"], Post($"/api/organisations/{DemoData.BrambledownId}/reporting-link/rotate", new { }))).EnsureSuccessStatusCode();
            return await Put($"/api/organisations/{DemoData.BrambledownId}/reporting-link", new { enabled = true });
        }, [401, 403, 403, 403, 403, 403, 403, 200]);

        // Complaints (issue 12).
        yield return new("POST /api/complaints (own school)", () => Task.FromResult(Post("/api/complaints", Complaint())), [401, 201, 201, 403, 403, 403, 201, 201]);
        yield return new("GET /api/complaints", () => Get("/api/complaints"), [401, 200, 200, 200, 200, 200, 200, 200]);
        yield return new("GET /api/complaints/{id} (own school's complaint)", async () => await Get($"/api/complaints/{await NewComplaintAsync()}"), [401, 200, 200, 404, 404, 200, 200, 200]);
        yield return new("POST /api/complaints/{id}/acknowledgement", async () => Post($"/api/complaints/{await NewComplaintAsync()}/acknowledgement", new { method = "Letter" }), [401, 403, 200, 404, 403, 403, 200, 200]);
        yield return new("POST /api/complaints/{id}/actions", async () => Post($"/api/complaints/{await NewComplaintAsync()}/actions", new { description = "Take the photo down", assignedTo = "Office manager" }), [401, 403, 201, 404, 403, 403, 201, 201]);
        yield return new("POST /api/complaints/{id}/actions/{actionId}/complete", async () =>
        {
            var id = await NewComplaintAsync();
            var added = await Send(_dpo, Post($"/api/complaints/{id}/actions", new { description = "Take the photo down", assignedTo = "Office manager" }));
            using var body = JsonDocument.Parse(await added.Content.ReadAsStringAsync());
            return Post($"/api/complaints/{id}/actions/{body.RootElement.GetProperty("id").GetGuid()}/complete", new { note = "Done" });
        }, [401, 403, 200, 404, 403, 403, 200, 200]);
        yield return new("POST /api/complaints/{id}/outcome", async () => Post($"/api/complaints/{await NewComplaintAsync()}/outcome", new { outcome = "Withdrawn", summary = "Withdrawn by phone." }), [401, 403, 200, 404, 403, 403, 200, 200]);
        yield return new("GET /complain/{urn} (public form)", () => Get("/complain/990001"), [200, 200, 200, 200, 200, 200, 200, 200]);

        // Data discrepancies (issue 12).
        yield return new("POST /api/discrepancies (Mersey Vale's agreement, provided by SIL)", () => Task.FromResult(Post("/api/discrepancies", Discrepancy())), [401, 201, 201, 404, 201, 201, 201, 403]);
        yield return new("GET /api/discrepancies", () => Get("/api/discrepancies"), [401, 200, 200, 200, 200, 200, 200, 200]);
        yield return new("GET /api/discrepancies/{id} (Mersey Vale's)", async () => await Get($"/api/discrepancies/{await NewDiscrepancyAsync()}"), [401, 200, 200, 404, 200, 200, 200, 200]);
        yield return new("POST /api/discrepancies/{id}/corrections (provided by SIL)", async () =>
            Post($"/api/discrepancies/{await NewDiscrepancyAsync()}/corrections", new { corrections = new[] { new { upn = "B801200005001", correction = "01/02/2019" } } }),
            [401, 403, 403, 404, 200, 200, 200, 403]);
        yield return new("POST /api/discrepancies/{id}/confirmations (corrected)", async () =>
        {
            var id = await NewDiscrepancyAsync();
            var corrected = await Send(_clients["SIL officer"], Post($"/api/discrepancies/{id}/corrections", new { corrections = new[] { new { upn = "B801200005001", correction = "01/02/2019" } } }));
            corrected.EnsureSuccessStatusCode();
            return Post($"/api/discrepancies/{id}/confirmations", new { });
        }, [401, 200, 200, 404, 200, 200, 200, 403]);
        yield return new("GET /api/agreements/{id}/discrepancies", () => Get($"/api/agreements/{MerseyValeAgreement}/discrepancies"), [401, 200, 200, 404, 200, 200, 200, 200]);

        // Webhooks and retention (issue 15).
        yield return new("POST /api/webhooks", () => Task.FromResult(Post("/api/webhooks", new { url = "https://transfers.example.org/hooks", events = new[] { "agreement.reinstated" } })),
            [401, 403, 403, 403, 403, 403, 403, 201]);
        yield return new("GET /api/webhooks", () => Get("/api/webhooks"), [401, 403, 403, 403, 403, 403, 403, 200]);
        yield return new("GET /api/webhooks/{id}/deliveries", async () => await Get($"/api/webhooks/{await NewWebhookAsync()}/deliveries"), [401, 403, 403, 403, 403, 403, 403, 200]);
        yield return new("POST /api/webhooks/{id}/disable", async () => Post($"/api/webhooks/{await NewWebhookAsync()}/disable", new { }), [401, 403, 403, 403, 403, 403, 403, 200]);
        yield return new("GET /api/retention/due", () => Get("/api/retention/due"), [401, 403, 403, 403, 403, 403, 200, 403]);
        yield return new("POST /api/incidents/{id}/retention (extend a closed incident)", async () =>
            Post($"/api/incidents/{await ClosedIncidentAsync()}/retention", new { action = "Extend", reason = "A claim is in progress", until = DateTimeOffset.UtcNow.AddYears(7) }),
            [401, 403, 403, 403, 403, 403, 200, 403]);
        yield return new("DELETE /api/webhooks/{id}", async () => new HttpRequestMessage(HttpMethod.Delete, $"/api/webhooks/{await NewWebhookAsync()}"), [401, 403, 403, 403, 403, 403, 403, 204]);
    }

    private static object Complaint() => new
    {
        organisationId = DemoData.MerseyValeId,
        receivedAt = DateTimeOffset.UtcNow.AddHours(-1),
        channel = "Email",
        complainantName = "Jo Parent",
        complainantEmail = "jo@example.org",
        relationship = "Parent",
        about = "Records shared",
        details = "Reading records were sent to another parent.",
    };

    private async Task<Guid> NewComplaintAsync()
    {
        var response = await _staff.PostAsJsonAsync("/api/complaints", Complaint());
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }

    private static object Discrepancy() => new
    {
        agreementId = MerseyValeAgreement,
        dataItem = "Date of birth",
        providerOrganisationId = DemoData.SilId,
        upns = new[] { "B801200005001" },
    };

    /// <summary>A discrepancy raised by Mersey Vale's staff about data SIL provided; its id.</summary>
    private async Task<Guid> NewDiscrepancyAsync()
    {
        var raised = await Send(_staff, Post("/api/discrepancies", Discrepancy()));
        raised.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await raised.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }

    /// <summary>A decided and closed incident (for the retention row).</summary>
    private async Task<Guid> ClosedIncidentAsync()
    {
        var (id, version) = await DecidedIncidentAsync();
        var closed = await Send(_dpo, Post($"/api/incidents/{id}/close", new { version, lessonsLearned = "Check recipients." }));
        closed.EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>A webhook endpoint registered by the admin (for the webhook rows).</summary>
    private async Task<Guid> NewWebhookAsync()
    {
        var created = await Send(_clients["Admin"], Post("/api/webhooks", new { url = "https://transfers.example.org/hooks", events = new[] { "agreement.reinstated" } }));
        created.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }

    private async Task<Guid> ContactIdAsync(string email)
    {
        using var body = JsonDocument.Parse(await _dpo.GetStringAsync(new Uri("/api/organisations", UriKind.Relative)));
        return body.RootElement.EnumerateArray().SelectMany(o => o.GetProperty("contacts").EnumerateArray())
            .First(c => c.GetProperty("email").GetString() == email).GetProperty("id").GetGuid();
    }

    /// <summary>A notice that failed for good (marked so in the database: this app writes mail to a folder, which does not refuse).</summary>
    private async Task<Guid> FailedNotificationAsync()
    {
        var result = await _staff.ReportAsync(Api.Breach());
        var id = result.Notified[0].NotificationId;
        await _app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteUpdateAsync(
            db.Notifications.Where(n => n.Id == id), s => s.SetProperty(n => n.Status, Incidents.Domain.Notifications.NotificationStatus.Failed)));
        return id;
    }

    [Fact]
    public async Task Every_endpoint_answers_every_role_as_the_security_table_says()
    {
        var rows = Rows().ToList();
        var actual = new List<(string Endpoint, int[] Expected, int[] Got)>();
        foreach (var row in rows)
        {
            var got = new int[Personas.Length];
            for (var p = 0; p < Personas.Length; p++)
            {
                var response = await Send(_clients[Personas[p].Name], await row.Request());
                got[p] = (int)response.StatusCode;
            }

            actual.Add((row.Endpoint, row.Expected, got));
        }

        var mismatches = actual.Where(a => !a.Expected.SequenceEqual(a.Got))
            .Select(a => $"{a.Endpoint}: expected [{string.Join(", ", a.Expected)}] got [{string.Join(", ", a.Got)}]").ToList();
        Assert.True(mismatches.Count == 0, "Answers differ from the table:\n" + string.Join("\n", mismatches));

        var table = Render(rows);
        var document = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "security.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(document.Contains(table, StringComparison.Ordinal),
            "docs/security.md does not hold the current table. Replace its table with:\n\n" + table);
    }

    private static string Render(IEnumerable<Row> rows)
    {
        var text = new StringBuilder();
        text.Append("| endpoint | ").Append(string.Join(" | ", Personas.Select(p => p.Name))).Append(" |\n");
        text.Append("|---|").Append(string.Concat(Personas.Select(_ => "---|"))).Append('\n');
        foreach (var row in rows)
        {
            text.Append("| `").Append(row.Endpoint).Append("` | ").Append(string.Join(" | ", row.Expected)).Append(" |\n");
        }

        return text.ToString();
    }

    private async Task<Guid> NewIncidentAsync() => (await _staff.ReportAsync(Api.Breach())).Id;

    private async Task<(Guid Id, int Version)> NewIncidentWithVersionAsync()
    {
        var id = await NewIncidentAsync();
        return (id, (await _dpo.GetIncidentAsync(id)).Version);
    }

    private async Task<(Guid Id, int Version)> DecidedIncidentAsync()
    {
        var (id, version) = await NewIncidentWithVersionAsync();
        var triaged = await Send(_dpo, Post($"/api/incidents/{id}/triage", new { version, classification = "PersonalDataBreach" }));
        triaged.EnsureSuccessStatusCode();
        var decided = await Send(_dpo, Post($"/api/incidents/{id}/decision", Decision(version + 1, "ReportToIcoAndDataSubjects")));
        decided.EnsureSuccessStatusCode();
        return (id, version + 2);
    }

    /// <summary>A fresh suspension of Mersey Vale's agreement by <paramref name="by"/>; its id.</summary>
    private async Task<Guid> SuspendAsync(HttpClient by)
    {
        await ReinstateAsync();
        var suspended = await Send(by, Post($"/api/agreements/{MerseyValeAgreement}/suspensions", new { reason = "Serious breach", incidentIds = new[] { await NewIncidentAsync() } }));
        suspended.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await suspended.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetGuid();
    }

    private async Task ReinstateAsync()
    {
        var agreement = await _dpo.GetFromJsonAsync<JsonElement>($"/api/agreements/{MerseyValeAgreement}", Api.Json);
        if (agreement.GetProperty("currentSuspension") is { ValueKind: JsonValueKind.Object } current)
        {
            var lifted = await Send(_dpo, Post($"/api/agreements/{MerseyValeAgreement}/suspensions/{current.GetProperty("id").GetGuid()}/lift", new { reason = "Reset for the next row" }));
            lifted.EnsureSuccessStatusCode();
        }
    }

    private static object Decision(int version, string outcome) => new
    {
        version,
        personalDataOfLivingPeople = true,
        riskLikely = true,
        highRisk = true,
        outcome,
        rationale = "High risk to the children.",
    };

    private static object Filing(int version) => new
    {
        version,
        submittedAt = DateTimeOffset.UtcNow,
        icoCaseReference = "IC-1",
        phase = "Initial",
        nature = "Email to the wrong parent",
        dataSubjectCategories = "Pupils",
        approximateDataSubjects = 3,
        dpoContact = "dpo@sil.test",
        likelyConsequences = "Low",
        measures = "Deleted",
    };

    /// <summary>A small PDF as evidence (multipart, field <c>file</c>).</summary>
    private static HttpRequestMessage Upload(Guid incidentId) => UploadTo($"/api/incidents/{incidentId}/attachments");

    private static HttpRequestMessage UploadTo(string path) => new(HttpMethod.Post, path)
    {
        Content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF\n")), "file", "evidence.pdf" } },
    };

    private static Task<HttpRequestMessage> Get(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, path));

    private static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };

    private static Task<HttpRequestMessage> Put(string path, object body) => Task.FromResult(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) });

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpRequestMessage request) => await client.SendAsync(request);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Incidents.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Incidents.sln not found");
    }
}
