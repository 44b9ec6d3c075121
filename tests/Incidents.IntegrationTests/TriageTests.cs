using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Incidents;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace Incidents.IntegrationTests;

/// <summary>The DPO's work through the API: triage, decide, file, notices, actions, close, reopen, and the audit trail.</summary>
public sealed class TriageTests : IAsyncLifetime
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

    [Fact]
    public async Task A_dpo_triages_decides_files_with_the_ico_completes_actions_and_closes_with_every_step_audited()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var reported = await staff.ReportAsync(Api.Breach());
        await _smtp.WaitForAsync(2);
        var incident = await Wait.UntilAsync(() => dpo.GetIncidentAsync(reported.Id),
            i => i.Notifications.All(n => n.Status == Domain.Notifications.NotificationStatus.Sent), what: "both notices marked sent");
        var dpoId = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == "dpo@sil.test").Select(u => u.Id).SingleAsync());

        var triaged = await Ok<ChangeResult>(dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/triage", new
        {
            version = incident.Version,
            classification = "PersonalDataBreach",
            awareAt = incident.ReportedAt.AddMinutes(-30),
            awareAtReason = "The school office confirmed the email had gone to the parent half an hour before reporting.",
            assigneeUserId = dpoId,
            severity = new { dataProcessingContext = 2, childrensData = true, easeOfIdentification = 1.0, confidentiality = 0.5, integrity = 0, availability = 0, maliciousIntent = false },
        }));
        var decided = await Ok<ChangeResult>(dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/decision", new
        {
            version = triaged.Version,
            personalDataOfLivingPeople = true,
            riskLikely = true,
            highRisk = false,
            outcome = "ReportToIco",
            rationale = "Names and UPNs of 28 children reached one parent; the risk is real but contained.",
        }));
        var filed = await Created<RecordedResult>(dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/ico-filings", IcoFiling(decided.Version, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var action = await Created<RecordedResult>(dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/actions", new
        {
            version = filed.Version,
            kind = "Remedial",
            description = "Turn on delayed send for the school office mailbox",
            assignedTo = "Mersey Vale school business manager",
            dueDate = "2026-12-15",
        }));
        var completed = await Ok<RecordedResult>(dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/actions/{action.Id}/complete", new { version = action.Version, note = "Done and tested" }));
        await Ok<ChangeResult>(dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/close", new { version = completed.Version, lessonsLearned = "Check recipients before sending class lists." }));

        var closed = await dpo.GetIncidentAsync(reported.Id);
        Assert.Equal(IncidentStatus.Closed, closed.Status);
        Assert.Equal(TriageClassification.PersonalDataBreach, closed.Triage.Classification);
        Assert.Equal(incident.ReportedAt.AddMinutes(-30), closed.IcoClock.AwareAt);
        Assert.Equal(closed.IcoClock.AwareAt.AddHours(72), closed.IcoClock.Deadline);
        Assert.Equal(SeverityLevel.High, closed.Triage.Severity!.Level); // (2 + 1 for children) x 1 + 0.5 = 3.5
        Assert.Equal(3.5, closed.Triage.Severity.Score);
        Assert.Equal(DecisionOutcome.ReportToIco, closed.Decision!.Outcome);
        var filing = Assert.Single(closed.IcoFilings);
        Assert.False(filing.Late);
        Assert.Equal(IcoDutyState.ReportedOnTime, closed.IcoDuty.State);
        Assert.Null(closed.IcoDuty.Countdown);
        Assert.False(closed.IcoClock.Overdue);
        Assert.False(Assert.Single(closed.Actions).Open);
        Assert.Equal("Check recipients before sending class lists.", closed.Closure!.LessonsLearned);

        var audit = await dpo.GetFromJsonAsync<List<AuditEntryView>>($"/api/incidents/{reported.Id}/audit", Api.Json);
        var actions = audit!.Select(e => e.Action).ToList();
        Assert.Equal(["Reported", "Triaged", "Decided", "IcoFilingRecorded", "ActionAdded", "ActionCompleted", "Closed"], actions.Where(a => a != "NotificationSent"));
        Assert.Equal(4, actions.Count(a => a == "NotificationSent")); // counterparty officer, DPO, own officer, receipt
        Assert.All(audit!.Where(e => e.Action != "NotificationSent" && e.Action != "Reported"), e => Assert.Equal("Dana Whitfield", e.ActorName));
        var triageEntry = audit!.Single(e => e.Action == "Triaged");
        Assert.Contains("\"status\":\"Reported\"", triageEntry.Before, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"Triaged\"", triageEntry.After, StringComparison.Ordinal);

        var verification = await dpo.GetFromJsonAsync<AuditVerification>("/api/audit/verify", Api.Json);
        Assert.True(verification!.Valid);
        Assert.True(verification.EntriesChecked >= 9);
    }

    [Fact]
    public async Task Tampering_with_an_audit_entry_is_named_by_verify()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var reported = await staff.ReportAsync(Api.Breach());
        var incident = await dpo.GetIncidentAsync(reported.Id);
        await Ok<ChangeResult>(dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/decision", Decision(incident.Version, "RecordOnly", false, false, false)));
        var entries = await dpo.GetFromJsonAsync<List<AuditEntryView>>($"/api/incidents/{reported.Id}/audit", Api.Json);
        var decided = entries!.Single(e => e.Action == "Decided");

        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE AuditEntries SET After = REPLACE(After, 'RecordOnly', 'ReportToIco') WHERE Sequence = {0}", decided.Sequence));

        var verification = await dpo.GetFromJsonAsync<AuditVerification>("/api/audit/verify", Api.Json);
        Assert.False(verification!.Valid);
        Assert.Equal(decided.Sequence, verification.FirstBrokenSequence);
        Assert.Contains("changed", verification.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_dpos_changing_the_same_incident_the_second_gets_409_with_the_current_state()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var reported = await staff.ReportAsync(Api.Breach());
        var seen = await dpo.GetIncidentAsync(reported.Id);

        var first = await dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/triage", new { version = seen.Version, classification = "PersonalDataBreach" });
        var second = await dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/triage", new { version = seen.Version, classification = "NotABreach" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        using var problem = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        var current = problem.RootElement.GetProperty("current");
        Assert.Equal("PersonalDataBreach", current.GetProperty("triage").GetProperty("classification").GetString());
        Assert.Equal(seen.Version + 1, current.GetProperty("version").GetInt32());
        Assert.Equal(TriageClassification.PersonalDataBreach, (await dpo.GetIncidentAsync(reported.Id)).Triage.Classification);
    }

    [Fact]
    public async Task The_queue_puts_the_clock_that_runs_out_first_at_the_top_and_filters()
    {
        var merseyVale = await _app.SignInAsync("staff@merseyvale.test");
        var brambledown = await _app.SignInAsync("staff@brambledown.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var later = await merseyVale.ReportAsync(Api.Breach());
        var complaint = await brambledown.ReportAsync(Api.Breach(kind: "NearMiss"));
        var sooner = await brambledown.ReportAsync(Api.Breach());
        var soonerNow = await dpo.GetIncidentAsync(sooner.Id);
        await Ok<ChangeResult>(dpo.PostAsJsonAsync($"/api/incidents/{sooner.Id}/triage", new
        {
            version = soonerNow.Version,
            classification = "PersonalDataBreach",
            awareAt = DateTimeOffset.UtcNow.AddHours(-80),
            awareAtReason = "The school knew three days before it reported.",
        }));

        var queue = await dpo.GetFromJsonAsync<PagedList<TriageQueueItem>>("/api/triage", Api.Json);
        Assert.Equal([sooner.Id, later.Id, complaint.Id], queue!.Items.Select(i => i.Id));
        var top = queue.Items[0];
        Assert.True(top.Overdue);
        Assert.True(top.DecisionMissing);
        Assert.True(top.HoursLeft < 0);
        Assert.Null(queue.Items[2].IcoDeadline);

        var overdue = await dpo.GetFromJsonAsync<PagedList<TriageQueueItem>>("/api/triage?overdue=true", Api.Json);
        Assert.Equal([sooner.Id], overdue!.Items.Select(i => i.Id));
        var complaints = await dpo.GetFromJsonAsync<PagedList<TriageQueueItem>>("/api/triage?kind=NearMiss", Api.Json);
        Assert.Equal([complaint.Id], complaints!.Items.Select(i => i.Id));
        var fromMerseyVale = await dpo.GetFromJsonAsync<PagedList<TriageQueueItem>>($"/api/triage?organisationId={DemoData.MerseyValeId}", Api.Json);
        Assert.Equal([later.Id], fromMerseyVale!.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Rules_of_the_dpos_work_give_400s_naming_the_field()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var reported = await staff.ReportAsync(Api.Breach());
        var v = (await dpo.GetIncidentAsync(reported.Id)).Version;
        var url = $"/api/incidents/{reported.Id}";

        await BadRequest(dpo.PostAsJsonAsync($"{url}/decision", new { version = v, personalDataOfLivingPeople = true, riskLikely = true, highRisk = false, outcome = "ReportToIco", rationale = "" }), "rationale");
        await BadRequest(dpo.PostAsJsonAsync($"{url}/decision", Decision(v, "RecordOnly", true, true, true)), "outcome");
        await BadRequest(dpo.PostAsJsonAsync($"{url}/triage", new { version = v, classification = "PersonalDataBreach", severity = new { dataProcessingContext = 5, easeOfIdentification = 1.0 } }), "severity.dataProcessingContext");
        await BadRequest(dpo.PostAsJsonAsync($"{url}/triage", new { version = v, classification = "PersonalDataBreach", severity = new { dataProcessingContext = 2, easeOfIdentification = 0.3 } }), "severity.easeOfIdentification");
        await BadRequest(dpo.PostAsJsonAsync($"{url}/triage", new { version = v, classification = "Burglary" }), "classification");
        var schoolOfficerId = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == "officer@merseyvale.test").Select(u => u.Id).SingleAsync());
        await BadRequest(dpo.PostAsJsonAsync($"{url}/triage", new { version = v, classification = "PersonalDataBreach", assigneeUserId = schoolOfficerId }), "assigneeUserId");
        await BadRequest(dpo.PostAsJsonAsync($"{url}/triage", new { classification = "NearMiss" }), "version");
        await BadRequest(dpo.PostAsJsonAsync($"{url}/triage", new { version = v, classification = "NearMiss", awareAt = DateTimeOffset.UtcNow.AddDays(1) }), "awareAt");

        // A filing needs a decision to report.
        var recordOnly = await Ok<ChangeResult>(dpo.PostAsJsonAsync($"{url}/decision", Decision(v, "RecordOnly", true, false, false)));
        await BadRequest(dpo.PostAsJsonAsync($"{url}/ico-filings", IcoFiling(recordOnly.Version, DateTimeOffset.UtcNow)), "phase");
        // A notice to the people affected needs the decision to tell them, or an exception.
        await BadRequest(dpo.PostAsJsonAsync($"{url}/data-subject-notices", new { version = recordOnly.Version, notifiedAt = DateTimeOffset.UtcNow, method = "Letter", peopleNotified = 28 }), "exception");

        // Late filing: awareness four days ago, so the initial report is late and needs a reason.
        var triaged = await Ok<ChangeResult>(dpo.PostAsJsonAsync($"{url}/triage", new { version = recordOnly.Version, classification = "PersonalDataBreach", awareAt = DateTimeOffset.UtcNow.AddDays(-4), awareAtReason = "Discovered by the school four days ago." }));
        var report = await Ok<ChangeResult>(dpo.PostAsJsonAsync($"{url}/decision", Decision(triaged.Version, "ReportToIcoAndDataSubjects", true, true, true)));
        await BadRequest(dpo.PostAsJsonAsync($"{url}/ico-filings", IcoFiling(report.Version, DateTimeOffset.UtcNow)), "lateReason");
        var late = await Created<RecordedResult>(dpo.PostAsJsonAsync($"{url}/ico-filings", IcoFiling(report.Version, DateTimeOffset.UtcNow, lateReason: "The school reported it three days after discovery.")));
        var notice = await Created<RecordedResult>(dpo.PostAsJsonAsync($"{url}/data-subject-notices", new { version = late.Version, notifiedAt = DateTimeOffset.UtcNow, method = "Letter", peopleNotified = 28 }));

        // Open actions block closing unless forced with a reason.
        var action = await Created<RecordedResult>(dpo.PostAsJsonAsync($"{url}/actions", new { version = notice.Version, kind = "Containment", description = "Recall the email", assignedTo = "School office" }));
        await BadRequest(dpo.PostAsJsonAsync($"{url}/close", new { version = action.Version, lessonsLearned = "Lessons" }), "force");
        await BadRequest(dpo.PostAsJsonAsync($"{url}/close", new { version = action.Version, lessonsLearned = "Lessons", force = true }), "forceReason");
        var closed = await Ok<ChangeResult>(dpo.PostAsJsonAsync($"{url}/close", new { version = action.Version, lessonsLearned = "Lessons", force = true, forceReason = "The recall is out of our hands." }));
        await BadRequest(dpo.PostAsJsonAsync($"{url}/actions", new { version = closed.Version, kind = "Remedial", description = "More", assignedTo = "Someone" }), "status");
        await BadRequest(dpo.PostAsJsonAsync($"{url}/reopen", new { version = closed.Version, reason = "" }), "reason");
        var reopened = await Ok<ChangeResult>(dpo.PostAsJsonAsync($"{url}/reopen", new { version = closed.Version, reason = "The parent forwarded the email." }));

        var detail = await dpo.GetIncidentAsync(reported.Id);
        Assert.Equal(IncidentStatus.Triaged, detail.Status);
        Assert.Equal(reopened.Version, detail.Version);
        Assert.True(Assert.Single(detail.IcoFilings).Late);
        Assert.Single(detail.DataSubjectNotices);
    }

    [Fact]
    public async Task Who_may_do_what_on_an_incident()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var officer = await _app.SignInAsync("officer@merseyvale.test");
        var otherOfficer = await _app.SignInAsync("officer@brambledown.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var reported = await staff.ReportAsync(Api.Breach());
        var v = (await dpo.GetIncidentAsync(reported.Id)).Version;
        var url = $"/api/incidents/{reported.Id}";
        var action = new { version = v, kind = "Containment", description = "Ask the parent to delete it", assignedTo = "Headteacher" };

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"{url}/triage", new { version = v, classification = "NearMiss" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"{url}/decision", Decision(v, "RecordOnly", false, false, false))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/api/triage")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/audit/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"{url}/actions", action)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherOfficer.PostAsJsonAsync($"{url}/actions", action)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherOfficer.GetAsync($"{url}/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.PostAsJsonAsync($"/api/incidents/{Guid.NewGuid()}/triage", new { version = 0, classification = "NearMiss" })).StatusCode);

        var added = await officer.PostAsJsonAsync($"{url}/actions", action);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"{url}/audit")).StatusCode);
    }

    private static object Decision(int version, string outcome, bool personal, bool risk, bool high) => new
    {
        version,
        personalDataOfLivingPeople = personal,
        riskLikely = risk,
        highRisk = high,
        outcome,
        rationale = "Considered against the ICO's self-assessment.",
    };

    private static object IcoFiling(int version, DateTimeOffset submittedAt, string? lateReason = null) => new
    {
        version,
        submittedAt,
        icoCaseReference = "IC-123456-A1B2",
        phase = "Initial",
        nature = "A class list with names and UPNs was emailed to one parent.",
        dataSubjectCategories = "Pupils",
        approximateDataSubjects = 28,
        approximateRecords = 28,
        dpoContact = "Dana Whitfield, dpo@sil.test",
        likelyConsequences = "Low: the parent deleted it.",
        measures = "Recipient confirmed deletion; delayed send turned on.",
        lateReason,
    };

    private static async Task<T> Ok<T>(Task<HttpResponseMessage> request) => await Expect<T>(request, HttpStatusCode.OK);

    private static async Task<T> Created<T>(Task<HttpResponseMessage> request) => await Expect<T>(request, HttpStatusCode.Created);

    private static async Task<T> Expect<T>(Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Api.Json)!;
    }

    private static async Task BadRequest(Task<HttpResponseMessage> request, string field)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Expected 400 for {field}, got {(int)response.StatusCode}: {body}");
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error for '{field}': {body}");
    }
}
