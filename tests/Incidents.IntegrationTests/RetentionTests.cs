using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Incidents.Application.Features.Retention;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Retention;
using Incidents.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.IntegrationTests;

/// <summary>Clause 9.5: closed records fall due for review at their retention date; the DPO extends them with a reason
/// or deletes their personal data, keeping the skeleton, and the audit chain still verifies.</summary>
public sealed class RetentionTests : IAsyncLifetime
{
    private const string PupilName = "Jamie Quillfeather";
    private const string Upn = "A123456789012";
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        // Kept zero years after closure: a record is due as soon as it is closed.
        _app = new IncidentsApp(smtp: null, settings: new Dictionary<string, string?>
        {
            ["Retention:YearsAfterClosure"] = "0",
            ["Bootstrap:AdminEmail"] = "admin@sil.test",
            ["Bootstrap:AdminPassword"] = IncidentsApp.DemoPassword,
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Deleting_at_retention_removes_the_personal_data_keeps_the_skeleton_and_the_audit_chain_still_verifies()
    {
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var id = await ClosedIncidentAsync(staff, dpo);
        var upload = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes($"Class list: {PupilName}, {Upn}\n")), "file", "list.txt" } };
        Assert.Equal(HttpStatusCode.Created, (await staff.PostAsync($"/api/incidents/{id}/attachments", upload)).StatusCode);
        var before = await dpo.GetIncidentAsync(id);

        var due = await dpo.GetFromJsonAsync<List<RetentionDueItem>>("/api/retention/due", Api.Json);
        Assert.Contains(due!, d => d.IncidentId == id && d.Reference == before.Reference);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await _app.SignInAsync("admin@sil.test")).PostAsJsonAsync($"/api/incidents/{id}/retention", new { action = "Delete", reason = "Six years" })).StatusCode);

        var deleted = await dpo.PostAsJsonAsync($"/api/incidents/{id}/retention", new { action = "Delete", reason = "Retention period over; nothing outstanding." });
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var result = (await deleted.Content.ReadFromJsonAsync<RetentionDecided>(Api.Json))!;
        Assert.True(result.AuditEntriesRedacted > 3);
        Assert.Equal(0, result.AuditEntriesKept);

        // The database row: free text, names and addresses gone; the skeleton stays.
        var row = await _app.WithDbAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == id));
        Assert.Equal(DecideRetentionHandler.Removed, row.Summary);
        Assert.Empty(row.Description);
        Assert.Empty(row.ContainmentActions);
        Assert.Equal(DecideRetentionHandler.Removed, row.ReporterName);
        Assert.Equal(DecideRetentionHandler.Removed, row.LessonsLearned);
        Assert.Equal(DecideRetentionHandler.Removed, row.DecisionRationale);
        Assert.Equal(before.Reference, row.Reference);
        Assert.Equal(before.Kind, row.Kind);
        Assert.Equal(Domain.Incidents.DecisionOutcome.RecordOnly, row.Decision);
        Assert.NotNull(row.ClosedAt);
        var attachment = await _app.WithDbAsync(db => db.Attachments.AsNoTracking().SingleAsync(a => a.IncidentId == id));
        Assert.Empty(attachment.Content);
        Assert.Equal(64, attachment.Sha256.Length);
        Assert.All(await _app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.IncidentId == id).ToListAsync()), n => Assert.Empty(n.RecipientEmail));
        var entries = await _app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.IncidentId == id).ToListAsync());
        Assert.All(entries.Where(e => e.Action != "RetentionDeleted"), e => Assert.True(e.RedactedAt is not null && e.Before is null && e.After is null, e.Action));
        // The deletion's own entry names who deleted and why, and holds only digests of what went.
        var everything = string.Join("\n", entries.Where(e => e.Action != "RetentionDeleted").Select(e => $"{e.ActorName} {e.Before} {e.After}"));
        var deletion = entries.Single(e => e.Action == "RetentionDeleted");
        Assert.DoesNotContain(PupilName, deletion.After, StringComparison.Ordinal);
        Assert.Contains("removedDigests", deletion.After, StringComparison.Ordinal);
        foreach (var personal in new[] { PupilName, Upn, "wrong parent", "spreadsheet", "staff@merseyvale.test", "Dana Whitfield" })
        {
            Assert.DoesNotContain(personal, everything, StringComparison.OrdinalIgnoreCase);
        }

        // The API shows nothing personal either.
        var api = await dpo.GetStringAsync($"/api/incidents/{id}") + await dpo.GetStringAsync($"/api/incidents/{id}/audit");
        foreach (var personal in new[] { PupilName, Upn, "wrong parent", "spreadsheet", "staff@merseyvale.test" })
        {
            Assert.DoesNotContain(personal, api, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains(before.Reference, api, StringComparison.Ordinal);
        Assert.Contains("RetentionDeleted", api, StringComparison.Ordinal);

        // The chain still verifies, and the deletion is the last step of it; it is no longer due; it cannot be deleted twice.
        var verified = await dpo.GetFromJsonAsync<AuditVerification>("/api/audit/verify", Api.Json);
        Assert.True(verified!.Valid, verified.Problem);
        Assert.DoesNotContain((await dpo.GetFromJsonAsync<List<RetentionDueItem>>("/api/retention/due", Api.Json))!, d => d.IncidentId == id);
        Assert.Equal(HttpStatusCode.BadRequest, (await dpo.PostAsJsonAsync($"/api/incidents/{id}/retention", new { action = "Delete", reason = "Again" })).StatusCode);

        // Redaction is not a way to tamper: text put back into a redacted entry, or changed in a kept one, breaks the chain.
        var redacted = entries.First(e => e.Action == "Reported");
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET \"After\" = {0} WHERE Sequence = {1}", "{\"summary\":\"forged\"}", redacted.Sequence));
        var broken = await dpo.GetFromJsonAsync<AuditVerification>("/api/audit/verify", Api.Json);
        Assert.False(broken!.Valid);
        Assert.Equal(redacted.Sequence, broken.FirstBrokenSequence);
    }

    [Fact]
    public async Task Extending_moves_the_retention_date_is_audited_and_a_record_not_yet_due_cannot_be_deleted()
    {
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var id = await ClosedIncidentAsync(await _app.SignInAsync("staff@merseyvale.test"), dpo);
        var until = DateTimeOffset.UtcNow.AddYears(2);

        var past = await dpo.PostAsJsonAsync($"/api/incidents/{id}/retention", new { action = "Extend", reason = "Claim expected", until = DateTimeOffset.UtcNow.AddDays(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.True((await past.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("until", out _));
        var noReason = await dpo.PostAsJsonAsync($"/api/incidents/{id}/retention", new { action = "Extend", until });
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.PostAsJsonAsync($"/api/incidents/{Guid.NewGuid()}/retention", new { action = "Extend", reason = "x", until })).StatusCode);

        var extended = await dpo.PostAsJsonAsync($"/api/incidents/{id}/retention", new { action = "Extend", reason = "A claim by a parent is in progress.", until });
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.Equal(until, (await extended.Content.ReadFromJsonAsync<RetentionDecided>(Api.Json))!.RetentionDate);
        Assert.DoesNotContain((await dpo.GetFromJsonAsync<List<RetentionDueItem>>("/api/retention/due", Api.Json))!, d => d.IncidentId == id);
        var stored = await _app.WithDbAsync(db => db.Set<IncidentRetention>().AsNoTracking().SingleAsync(r => r.IncidentId == id));
        Assert.Equal(until, stored.ExtendedUntil);

        var audit = await dpo.GetFromJsonAsync<List<AuditEntryView>>($"/api/incidents/{id}/audit", Api.Json);
        var entry = Assert.Single(audit!, e => e.Action == "RetentionExtended");
        Assert.Contains("A claim by a parent is in progress.", JsonSerializer.Serialize(entry), StringComparison.Ordinal);

        var early = await dpo.PostAsJsonAsync($"/api/incidents/{id}/retention", new { action = "Delete", reason = "Tidy up" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.True((await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("action", out _));
        Assert.True((await dpo.GetFromJsonAsync<AuditVerification>("/api/audit/verify", Api.Json))!.Valid);
    }

    [Fact]
    public async Task The_monthly_review_flags_due_records_once_and_reminds_the_dpo_while_any_are_due()
    {
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var id = await ClosedIncidentAsync(await _app.SignInAsync("staff@merseyvale.test"), dpo);

        // The planner keeps one review timer, at 09:00 London on the 1st of next month.
        var planned = await _app.WithDbAsync(db => db.Timers.AsNoTracking().Where(t => t.Kind == Domain.Timers.TimerKinds.RetentionReview).ToListAsync());
        var timer = Assert.Single(planned);
        var local = Domain.Common.LondonTime.ToLondon(timer.DueAt);
        Assert.Equal((1, 9, 0), (local.Day, local.Hour, local.Minute));

        // Fired (as the timer job does: the handler in a transaction, then commit), twice: flagged and audited once, a notice each month.
        for (var month = 0; month < 2; month++)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.IncidentsDbContext>();
            var handler = scope.ServiceProvider.GetServices<Application.Common.Timers.ITimerHandler>().Single(h => h.Kind == Domain.Timers.TimerKinds.RetentionReview);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var outcome = await handler.FireAsync(timer, DateTimeOffset.UtcNow, CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            Assert.Single(outcome.NotificationIds);
        }

        var notices = await _app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Type == Domain.Notifications.NotificationType.RetentionReviewDue).ToListAsync());
        Assert.Equal(2, notices.Count);
        Assert.All(notices, n => Assert.Equal("dpo@sil.test", n.RecipientEmail));
        Assert.NotNull((await _app.WithDbAsync(db => db.Set<IncidentRetention>().AsNoTracking().SingleAsync(r => r.IncidentId == id))).FlaggedAt);
        var audit = await dpo.GetFromJsonAsync<List<AuditEntryView>>($"/api/incidents/{id}/audit", Api.Json);
        Assert.Single(audit!, e => e.Action == "RetentionDue");
        var preview = await dpo.PostAsJsonAsync("/api/notice-templates/RetentionReviewDue/preview", new { });
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("retention review", await preview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dpo_reviews_a_record_on_the_retention_pages_without_javascript()
    {
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var id = await ClosedIncidentAsync(await _app.SignInAsync("staff@merseyvale.test"), dpo);
        var reference = (await dpo.GetIncidentAsync(id)).Reference;
        var browser = _app.Browser();
        await browser.SignInPageAsync("dpo@sil.test", IncidentsApp.DemoPassword);

        Assert.Contains($"Review {reference}", await browser.GetStringAsync("/retention"), StringComparison.Ordinal);
        var missing = await browser.PostFormAsync($"/retention/{id}", new Dictionary<string, string> { ["Decision"] = "Extend", ["UntilDay"] = "31", ["UntilMonth"] = "Feb", ["UntilYear"] = "2031", ["Reason"] = "Claim" });
        var missingHtml = await missing.Content.ReadAsStringAsync();
        Assert.Contains("The date to keep it until must be a real date", missingHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"#UntilDay\"", missingHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"Feb\"", missingHtml, StringComparison.Ordinal);
        var noReason = await browser.PostFormAsync($"/retention/{id}", new Dictionary<string, string> { ["Decision"] = "Delete" });
        var noReasonHtml = await noReason.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", noReasonHtml, StringComparison.Ordinal);
        Assert.Contains("href=\"#Reason\"", noReasonHtml, StringComparison.Ordinal);

        var extended = await browser.PostFormAsync($"/retention/{id}", new Dictionary<string, string> { ["Decision"] = "Extend", ["UntilDay"] = "1", ["UntilMonth"] = "September", ["UntilYear"] = $"{DateTime.UtcNow.Year + 3}", ["Reason"] = "A claim is open" });
        Assert.Equal(HttpStatusCode.Redirect, extended.StatusCode);
        Assert.DoesNotContain($"Review {reference}", await browser.GetStringAsync("/retention"), StringComparison.Ordinal);

        var staffBrowser = _app.Browser();
        await staffBrowser.SignInPageAsync("staff@merseyvale.test", IncidentsApp.DemoPassword);
        Assert.NotEqual(HttpStatusCode.OK, (await staffBrowser.GetAsync("/retention")).StatusCode);
    }

    private static async Task<Guid> ClosedIncidentAsync(HttpClient staff, HttpClient dpo)
    {
        var reported = await staff.ReportAsync(new
        {
            kind = "ConfidentialityBreach",
            counterpartyOrganisationId = Infrastructure.Startup.DemoData.SilId,
            discoveredAt = DateTimeOffset.UtcNow.AddHours(-1),
            summary = "Class list emailed to the wrong parent",
            description = $"A spreadsheet naming {PupilName} (UPN {Upn}) and 27 others was sent to one parent.",
            dataCategories = new[] { "Names", "Upn" },
            approximateDataSubjects = 28,
            containmentActions = $"The parent deleted it; {PupilName}'s family were told.",
        });
        var version = (await dpo.GetIncidentAsync(reported.Id)).Version;
        await Expect(dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/triage", new { version, classification = "PersonalDataBreach" }));
        await Expect(dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/decision", new
        {
            version = version + 1, personalDataOfLivingPeople = true, riskLikely = false, highRisk = false, outcome = "RecordOnly",
            rationale = $"Unlikely to harm {PupilName}: deleted at once.",
        }));
        await Expect(dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/close", new { version = version + 2, lessonsLearned = $"Check recipients; {PupilName}'s class list is now protected." }));
        return reported.Id;
    }

    private static async Task Expect(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
