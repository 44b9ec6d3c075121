using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Incidents.Application.Features.Agreements;
using Incidents.Domain.Agreements;
using Incidents.Domain.Incidents;
using Incidents.Domain.Organisations;
using Incidents.Domain.Timers;
using Incidents.Infrastructure.Jobs;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Moq;

namespace Incidents.IntegrationTests;

/// <summary>Clause 10: suspend for 30 days on evidence, notices to both parties and the DPO, reminders, automatic
/// reinstatement that survives restarts, lift early, renew, and the sharing gate.</summary>
public sealed class SuspensionTests : IAsyncLifetime
{
    private static readonly Guid MerseyValeAgreement = DemoData.AgreementIdFor(DemoData.MerseyValeId);
    private readonly TestSmtpServer _smtp = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("incidents-suspensions-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        IncidentsApp.TryDelete(_directory);
    }

    [Fact]
    public async Task Suspending_an_agreement_notifies_both_parties_and_the_dpo_and_closes_the_sharing_gate()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var dpo = await app.SignInAsync("dpo@sil.test");
        var incident = await staff.ReportAsync(Api.Breach());
        await _smtp.WaitForAsync(2);

        var response = await dpo.PostAsJsonAsync($"/api/agreements/{MerseyValeAgreement}/suspensions", new
        {
            reason = "Pupil data sent to the wrong parent twice in a week",
            evidence = "See the linked incident.",
            incidentIds = new[] { incident.Id },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync<SuspensionCreated>(Api.Json))!;
        Assert.Equal(SuspensionCalendar.Add(created.StartsAt, TimeSpan.FromDays(30)), created.EndsAt);
        var notices = await _smtp.WaitForAsync(3, m => m.Subject?.StartsWith("Agreement suspended", StringComparison.Ordinal) == true);
        Assert.Equal(["dpo@sil.test", "officer@merseyvale.test", "officer@sil.test"], notices.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(notices, m => Assert.Contains(incident.Reference, m.TextBody, StringComparison.Ordinal));
        Assert.All(notices, m => Assert.Contains("no data may flow", m.TextBody, StringComparison.Ordinal));

        var agreement = await dpo.GetFromJsonAsync<AgreementDetails>($"/api/agreements/{MerseyValeAgreement}", Api.Json);
        Assert.Equal(AgreementStatus.Suspended, agreement!.Status);
        Assert.Equal(created.Id, agreement.CurrentSuspension!.Id);
        Assert.Equal(new DateOnly(DateTime.UtcNow.Month >= 9 ? DateTime.UtcNow.Year + 1 : DateTime.UtcNow.Year, 9, 1), agreement.NextReviewDate);
        Assert.Contains(agreement.School.DesignatedOfficers, o => o.Email == "officer@merseyvale.test");

        var gate = await staff.GetFromJsonAsync<SharingStatus>($"/api/agreements/{MerseyValeAgreement}/sharing-status", Api.Json);
        Assert.False(gate!.Allowed);
        Assert.Equal(AgreementStatus.Suspended, gate.Status);
        Assert.Equal(created.EndsAt, gate.SuspendedUntil);
        var byUrn = await dpo.GetFromJsonAsync<SharingStatus>("/api/schools/990001/sharing-status", Api.Json);
        Assert.False(byUrn!.Allowed);
        var other = await dpo.GetFromJsonAsync<SharingStatus>("/api/schools/990002/sharing-status", Api.Json);
        Assert.True(other!.Allowed);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/schools/990002/sharing-status")).StatusCode);

        var audit = await dpo.GetFromJsonAsync<List<Application.Features.Triage.AuditEntryView>>($"/api/agreements/{MerseyValeAgreement}/audit", Api.Json);
        var suspendedEntry = Assert.Single(audit!, e => e.Action == "AgreementSuspended");
        Assert.Equal("Dana Whitfield", suspendedEntry.ActorName);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/agreements/{MerseyValeAgreement}/audit")).StatusCode);
        var brambledown = await app.SignInAsync("staff@brambledown.test");
        Assert.Equal(HttpStatusCode.NotFound, (await brambledown.GetAsync($"/api/agreements/{MerseyValeAgreement}/audit")).StatusCode);
    }

    [Fact]
    public async Task The_sharing_gate_answers_a_data_transfer_system_with_an_api_key_and_refuses_a_bad_or_revoked_key()
    {
        await using var app = new IncidentsApp(_smtp, _directory, settings: Admin());
        var admin = await SignInAdminAsync(app);
        var created = await admin.PostAsJsonAsync("/api/api-keys", new { name = "Perspective Lite nightly transfer" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (await created.Content.ReadFromJsonAsync<CreatedApiKey>(Api.Json))!;
        var stored = await app.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Id == key.Id));
        Assert.NotEqual(key.Key, stored.Hash);
        Assert.Equal(ApiKey.HashOf(key.Key), stored.Hash);

        var system = app.CreateClient();
        system.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
        var status = await system.GetFromJsonAsync<SharingStatus>("/api/schools/990001/sharing-status", Api.Json);
        Assert.True(status!.Allowed);
        Assert.Equal("Mersey Vale Primary School", status.School);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.GetAsync("/api/incidents")).StatusCode);

        var forged = app.CreateClient();
        forged.DefaultRequestHeaders.Add("X-Api-Key", "sil_not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/schools/990001/sharing-status")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/schools/990001/sharing-status")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/api-keys/{key.Id}/revoke", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.GetAsync("/api/schools/990001/sharing-status")).StatusCode);
    }

    [Fact]
    public async Task Bad_suspensions_are_refused_with_the_right_status()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var otherStaff = await app.SignInAsync("staff@brambledown.test");
        var dpo = await app.SignInAsync("dpo@sil.test");
        var otherOfficer = await app.SignInAsync("officer@brambledown.test");
        var officer = await app.SignInAsync("officer@merseyvale.test");
        var mine = await staff.ReportAsync(Api.Breach());
        var theirs = await otherStaff.ReportAsync(Api.Breach());
        var url = $"/api/agreements/{MerseyValeAgreement}/suspensions";

        await BadRequest(dpo.PostAsJsonAsync(url, new { reason = "", incidentIds = new[] { mine.Id } }), "reason");
        await BadRequest(dpo.PostAsJsonAsync(url, new { reason = "Serious breach", incidentIds = Array.Empty<Guid>() }), "incidentIds");
        await BadRequest(dpo.PostAsJsonAsync(url, new { reason = "Serious breach", incidentIds = new[] { theirs.Id } }), "incidentIds");
        await BadRequest(dpo.PostAsJsonAsync(url, new { reason = "Serious breach", incidentIds = new[] { mine.Id }, renew = true }), "renew");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherOfficer.PostAsJsonAsync(url, new { reason = "Serious breach", incidentIds = new[] { mine.Id } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync(url, new { reason = "Serious breach", incidentIds = new[] { mine.Id } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.PostAsJsonAsync($"/api/agreements/{Guid.NewGuid()}/suspensions", new { reason = "x", incidentIds = new[] { mine.Id } })).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Suspensions.CountAsync()));

        // The school's own designated officer may suspend its agreement (either party, clause 10).
        var suspended = await officer.PostAsJsonAsync(url, new { reason = "SIL sent our data to another school", incidentIds = new[] { mine.Id } });
        Assert.Equal(HttpStatusCode.Created, suspended.StatusCode);
        var first = (await suspended.Content.ReadFromJsonAsync<SuspensionCreated>(Api.Json))!;
        await BadRequest(dpo.PostAsJsonAsync(url, new { reason = "Again", incidentIds = new[] { mine.Id } }), "renew");
        await BadRequest(dpo.PostAsJsonAsync($"{url}/{Guid.NewGuid()}/lift", new { reason = "Fixed" }), "body", expected: HttpStatusCode.NotFound);
        await BadRequest(dpo.PostAsJsonAsync($"{url}/{first.Id}/lift", new { reason = "" }), "reason");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherOfficer.PostAsJsonAsync($"{url}/{first.Id}/lift", new { reason = "Fixed" })).StatusCode);

        // Lifted once, it is no longer current and cannot be lifted again.
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"{url}/{first.Id}/lift", new { reason = "SIL has recalled the data" })).StatusCode);
        await BadRequest(dpo.PostAsJsonAsync($"{url}/{first.Id}/lift", new { reason = "Again" }), "suspensionId");
    }

    [Fact]
    public async Task Lifting_early_reinstates_now_and_the_old_timers_do_nothing()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var dpo = await app.SignInAsync("dpo@sil.test");
        var incident = await (await app.SignInAsync("staff@merseyvale.test")).ReportAsync(Api.Breach());
        var created = await SuspendAsync(dpo, incident.Id);

        var lift = await dpo.PostAsJsonAsync($"/api/agreements/{MerseyValeAgreement}/suspensions/{created.Id}/lift", new { reason = "Data recovered and deleted" });

        Assert.Equal(HttpStatusCode.OK, lift.StatusCode);
        await _smtp.WaitForAsync(3, m => m.Subject?.StartsWith("Agreement reinstated", StringComparison.Ordinal) == true);
        var gate = await dpo.GetFromJsonAsync<SharingStatus>($"/api/agreements/{MerseyValeAgreement}/sharing-status", Api.Json);
        Assert.True(gate!.Allowed);
        var timers = await app.WithDbAsync(db => db.Timers.Where(t => t.SubjectId == created.Id).ToListAsync());
        Assert.All(timers, t => Assert.Equal(TimerStatus.Cancelled, t.Status));
        var suspension = await app.WithDbAsync(db => db.Suspensions.SingleAsync(s => s.Id == created.Id));
        Assert.Equal(SuspensionStatus.Lifted, suspension.Status);
    }

    [Fact]
    public async Task Suspending_parks_no_job_for_days_the_timers_wait_in_the_table_until_they_come_near()
    {
        var jobs = new Mock<IBackgroundJobClient>();
        jobs.Setup(j => j.Create(It.IsAny<Job>(), It.IsAny<IState>())).Returns(() => Guid.NewGuid().ToString());
        await using var app = new IncidentsApp(_smtp, _directory, services: s => s.Replace(ServiceDescriptor.Singleton(jobs.Object)));
        var dpo = await app.SignInAsync("dpo@sil.test");
        var incident = await (await app.SignInAsync("staff@merseyvale.test")).ReportAsync(Api.Breach());

        var created = await SuspendAsync(dpo, incident.Id);

        var timers = await app.WithDbAsync(db => db.Timers.Where(t => t.SubjectId == created.Id).ToListAsync());
        Assert.Equal([TimerKinds.SuspensionReminder, TimerKinds.SuspensionReminder, TimerKinds.SuspensionReinstatement], timers.OrderBy(t => t.DueAt).Select(t => t.Kind));
        Assert.Equal(created.EndsAt, timers.Single(t => t.Kind == TimerKinds.SuspensionReinstatement).DueAt);
        jobs.Verify(j => j.Create(It.Is<Job>(job => job.Type == typeof(FireTimerJob) || job.Type == typeof(FireSuspensionTimerJob)), It.IsAny<ScheduledState>()), Times.Never());
    }

    [Fact]
    public async Task Reminders_and_reinstatement_fire_once_each_even_when_the_app_was_down_at_the_time()
    {
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        SuspensionCreated created;
        await using (var app = At(start))
        {
            var dpo = await app.SignInAsync("dpo@sil.test");
            var incident = await (await app.SignInAsync("staff@merseyvale.test")).ReportAsync(Api.Breach());
            created = await SuspendAsync(dpo, incident.Id);
            await _smtp.WaitForAsync(3, Subject("Agreement suspended"));
        }

        // Down through the 7-day reminder: one reminder each when it comes back, and again nothing on another restart.
        await RunAtAsync(SuspensionCalendar.Before(created.EndsAt, TimeSpan.FromDays(7)) + TimeSpan.FromHours(1), "Suspension ends", 3);
        await RunAtAsync(SuspensionCalendar.Before(created.EndsAt, TimeSpan.FromDays(7)) + TimeSpan.FromHours(2), "Suspension ends", 3);

        // Down through the 1-day reminder and the end: only the reinstatement, once.
        await RunAtAsync(created.EndsAt + TimeSpan.FromMinutes(10), "Agreement reinstated", 3);
        await RunAtAsync(created.EndsAt + TimeSpan.FromMinutes(20), "Agreement reinstated", 3);
        Assert.Equal(3, _smtp.Messages.Count(Subject("Suspension ends")));

        await using var last = At(created.EndsAt + TimeSpan.FromMinutes(30));
        var dpoClient = await last.SignInAsync("dpo@sil.test");
        var agreement = await dpoClient.GetFromJsonAsync<AgreementDetails>($"/api/agreements/{MerseyValeAgreement}", Api.Json);
        Assert.Equal(AgreementStatus.Active, agreement!.Status);
        Assert.Equal(SuspensionStatus.Ended, Assert.Single(agreement.Suspensions).Status);
    }

    [Fact]
    public async Task Renewing_replaces_the_end_and_only_the_new_end_fires()
    {
        var start = new DateTimeOffset(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);
        SuspensionCreated first;
        SuspensionCreated renewed;
        Guid incidentId;
        await using (var app = At(start))
        {
            var dpo = await app.SignInAsync("dpo@sil.test");
            incidentId = (await (await app.SignInAsync("staff@merseyvale.test")).ReportAsync(Api.Breach())).Id;
            first = await SuspendAsync(dpo, incidentId);
        }

        await using (var app = At(start + TimeSpan.FromDays(20)))
        {
            var dpo = await app.SignInAsync("dpo@sil.test");
            var response = await dpo.PostAsJsonAsync($"/api/agreements/{MerseyValeAgreement}/suspensions", new { reason = "Second breach found", incidentIds = new[] { incidentId }, renew = true });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            renewed = (await response.Content.ReadFromJsonAsync<SuspensionCreated>(Api.Json))!;
            Assert.Equal(first.Id, renewed.Replaces);
            Assert.Equal(SuspensionCalendar.Add(start + TimeSpan.FromDays(20), TimeSpan.FromDays(30)), renewed.EndsAt);
        }

        // Past the first end: still suspended, nothing reinstated.
        await using (var app = At(first.EndsAt + TimeSpan.FromHours(1)))
        {
            var dpo = await app.SignInAsync("dpo@sil.test");
            await Wait.UntilAsync(() => app.WithDbAsync(db => db.Timers.CountAsync(t => t.SubjectId == first.Id && t.Status == TimerStatus.Pending)), c => c == 0);
            var gate = await dpo.GetFromJsonAsync<SharingStatus>($"/api/agreements/{MerseyValeAgreement}/sharing-status", Api.Json);
            Assert.False(gate!.Allowed);
            Assert.Equal(renewed.EndsAt, gate.SuspendedUntil);
        }

        Assert.DoesNotContain(_smtp.Messages, m => Subject("Agreement reinstated")(m));
        await RunAtAsync(renewed.EndsAt + TimeSpan.FromMinutes(1), "Agreement reinstated", 3);
    }

    [Fact]
    public async Task A_short_suspension_is_reinstated_by_hangfire_in_real_time()
    {
        await using var app = new IncidentsApp(_smtp, _directory, settings: new Dictionary<string, string?>
        {
            ["Suspension:Period"] = "00:00:03",
            ["Suspension:ReminderOffsets:0"] = "00:00:01",
        });
        var dpo = await app.SignInAsync("dpo@sil.test");
        var incident = await (await app.SignInAsync("staff@merseyvale.test")).ReportAsync(Api.Breach());

        var created = await SuspendAsync(dpo, incident.Id);

        Assert.Equal(TimeSpan.FromSeconds(3), created.EndsAt - created.StartsAt);
        await _smtp.WaitForAsync(3, Subject("Suspension ends"), TimeSpan.FromSeconds(15));
        await _smtp.WaitForAsync(3, Subject("Agreement reinstated"), TimeSpan.FromSeconds(15));
        var status = await Wait.UntilAsync(
            () => dpo.GetFromJsonAsync<SharingStatus>($"/api/agreements/{MerseyValeAgreement}/sharing-status", Api.Json),
            s => s!.Allowed, what: "reinstated");
        Assert.Equal(AgreementStatus.Active, status!.Status);
        var timers = await app.WithDbAsync(db => db.Timers.Where(t => t.SubjectId == created.Id).ToListAsync());
        Assert.All(timers, t => Assert.Equal(TimerStatus.Fired, t.Status));
        Assert.All(timers, t => Assert.True(t.FiredAt >= t.DueAt, $"{t.Kind} fired at {t.FiredAt:O}, before it was due at {t.DueAt:O}"));
    }

    [Fact]
    public async Task The_other_party_can_neither_lift_nor_renew_a_suspension_so_it_cannot_undo_it()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var dpo = await app.SignInAsync("dpo@sil.test");
        var schoolOfficer = await app.SignInAsync("officer@kestrelheights.test");
        var silOfficer = await app.SignInAsync("officer@sil.test");
        var incident = await (await app.SignInAsync("staff@kestrelheights.test")).ReportAsync(Api.Breach());
        var url = $"/api/agreements/{KestrelHeightsAgreement}/suspensions";

        // SIL's DPO suspends; the school's officer may neither lift it nor renew it (which used to make the school its owner).
        var bySil = await Created(dpo.PostAsJsonAsync(url, new { reason = "SIL's serious breach finding", incidentIds = new[] { incident.Id } }));
        await Forbidden(schoolOfficer.PostAsJsonAsync($"{url}/{bySil.Id}/lift", new { reason = "We disagree" }));
        await Forbidden(schoolOfficer.PostAsJsonAsync(url, new { reason = "Taking it over", incidentIds = new[] { incident.Id }, renew = true }));
        await Forbidden(schoolOfficer.PostAsJsonAsync($"{url}/{bySil.Id}/lift", new { reason = "We disagree" }));
        var gate = await dpo.GetFromJsonAsync<SharingStatus>($"/api/agreements/{KestrelHeightsAgreement}/sharing-status", Api.Json);
        Assert.False(gate!.Allowed);
        var agreement = await dpo.GetFromJsonAsync<AgreementDetails>($"/api/agreements/{KestrelHeightsAgreement}", Api.Json);
        Assert.Equal(bySil.Id, agreement!.CurrentSuspension!.Id);
        Assert.Single(agreement.Suspensions);
        Assert.Equal(new AgreementActions(false, false, false), (await schoolOfficer.GetFromJsonAsync<AgreementDetails>($"/api/agreements/{KestrelHeightsAgreement}", Api.Json))!.Actions);

        // SIL's other officer is SIL's party, the one that imposed it: it may renew (keeping SIL as the imposer) and lift.
        var renewedBySil = await Created(silOfficer.PostAsJsonAsync(url, new { reason = "More evidence", incidentIds = new[] { incident.Id }, renew = true }));
        Assert.Equal(HttpStatusCode.OK, (await silOfficer.PostAsJsonAsync($"{url}/{renewedBySil.Id}/lift", new { reason = "Resolved" })).StatusCode);

        // The reverse: the school suspends; SIL's officer (not the DPO) may neither renew nor lift; the DPO may renew,
        // which leaves the school as the party that imposed it, so the school may still lift it.
        var bySchool = await Created(schoolOfficer.PostAsJsonAsync(url, new { reason = "SIL sent our data to another school", incidentIds = new[] { incident.Id } }));
        await Forbidden(silOfficer.PostAsJsonAsync(url, new { reason = "Taking it over", incidentIds = new[] { incident.Id }, renew = true }));
        await Forbidden(silOfficer.PostAsJsonAsync($"{url}/{bySchool.Id}/lift", new { reason = "We disagree" }));
        var renewedByDpo = await Created(dpo.PostAsJsonAsync(url, new { reason = "Still not resolved", incidentIds = new[] { incident.Id }, renew = true }));
        var renewedBySchool = await Created(schoolOfficer.PostAsJsonAsync(url, new { reason = "And again", incidentIds = new[] { incident.Id }, renew = true }));
        await Forbidden(silOfficer.PostAsJsonAsync($"{url}/{renewedBySchool.Id}/lift", new { reason = "We disagree" }));

        agreement = await dpo.GetFromJsonAsync<AgreementDetails>($"/api/agreements/{KestrelHeightsAgreement}", Api.Json);
        var byDpoView = agreement!.Suspensions.Single(s => s.Id == renewedByDpo.Id).Details!;
        Assert.Equal(DemoData.KestrelHeightsId, byDpoView.SuspendedByOrganisationId);
        Assert.Equal("Grace Ibbotson", byDpoView.SuspendedBy);
        Assert.Equal(new RenewalView("Dana Whitfield", DemoData.SilId, DemoData.SilName, renewedByDpo.StartsAt), byDpoView.Renewed);
        var current = agreement.CurrentSuspension!.Details!;
        Assert.Equal(DemoData.KestrelHeightsId, current.SuspendedByOrganisationId);
        Assert.Equal(new RenewalView("Grace Ibbotson", DemoData.KestrelHeightsId, "Kestrel Heights High School", renewedBySchool.StartsAt), current.Renewed);
        Assert.Null(agreement.Suspensions.Single(s => s.Id == bySchool.Id).Details!.Renewed);
        // The renewal notice names who renewed, not who imposed it.
        await _smtp.WaitForAsync(3, m => Subject("Suspension renewed")(m) && m.TextBody?.Contains("Dana Whitfield (School Improvement Liverpool) has renewed", StringComparison.Ordinal) == true);
        var stored = await app.WithDbAsync(db => db.Suspensions.SingleAsync(s => s.Id == renewedByDpo.Id));
        Assert.Equal(DemoData.KestrelHeightsId, stored.SuspendedByOrganisationId);
        Assert.Equal(DemoData.SilId, stored.RenewedByOrganisationId);

        // The agreement page shows who renewed, and offers the lift form only to those who may lift.
        var page = await (await CookieAsync(app, "dpo@sil.test")).GetStringAsync($"/agreements/{KestrelHeightsAgreement}");
        Assert.Contains("Renewed", page, StringComparison.Ordinal);
        Assert.Contains("by Dana Whitfield (School Improvement Liverpool)", page, StringComparison.Ordinal);
        Assert.Contains("by Grace Ibbotson (Kestrel Heights High School)", page, StringComparison.Ordinal);
        var silOfficerPage = await (await CookieAsync(app, "officer@sil.test")).GetStringAsync($"/agreements/{KestrelHeightsAgreement}");
        Assert.DoesNotContain("Lift the suspension", silOfficerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Renew the suspension", silOfficerPage, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await schoolOfficer.PostAsJsonAsync($"{url}/{renewedBySchool.Id}/lift", new { reason = "SIL has recalled the data" })).StatusCode);
        Assert.True((await dpo.GetFromJsonAsync<SharingStatus>($"/api/agreements/{KestrelHeightsAgreement}/sharing-status", Api.Json))!.Allowed);
    }

    [Fact]
    public async Task Staff_see_a_suspensions_status_and_dates_but_only_officers_of_the_parties_and_the_dpo_see_its_reasons()
    {
        await using var app = new IncidentsApp(_smtp, _directory, settings: Admin());
        var dpo = await app.SignInAsync("dpo@sil.test");
        var incident = await (await app.SignInAsync("staff@sil.test")).ReportAsync(Api.Breach(counterparty: DemoData.KestrelHeightsId));
        const string Reason = "Head teacher's laptop with SEN records stolen from a car";
        const string Evidence = "Police crime reference 13/4471/26";
        var created = await Created(dpo.PostAsJsonAsync($"/api/agreements/{KestrelHeightsAgreement}/suspensions", new { reason = Reason, evidence = Evidence, incidentIds = new[] { incident.Id } }));
        var apiUrl = $"/api/agreements/{KestrelHeightsAgreement}";
        var pageUrl = $"/agreements/{KestrelHeightsAgreement}";

        foreach (var email in new[] { "staff@kestrelheights.test", "staff@sil.test" })
        {
            var staff = await app.SignInAsync(email);
            var body = await staff.GetStringAsync(apiUrl);
            AssertNothingOf(body, email);
            var agreement = JsonSerializer.Deserialize<AgreementDetails>(body, Api.Json)!;
            Assert.Equal(AgreementStatus.Suspended, agreement.Status);
            Assert.Equal(created.EndsAt, agreement.CurrentSuspension!.EndsAt);
            Assert.Equal(created.StartsAt, agreement.CurrentSuspension.StartsAt);
            Assert.Null(agreement.CurrentSuspension.Details);
            Assert.All(agreement.Suspensions, s => Assert.Null(s.Details));
            AssertNothingOf(await staff.GetStringAsync("/api/agreements"), email + " (list)");
            AssertNothingOf(await staff.GetStringAsync($"{apiUrl}/sharing-status"), email + " (gate)");

            var page = System.Net.WebUtility.HtmlDecode(await (await CookieAsync(app, email)).GetStringAsync(pageUrl));
            AssertNothingOf(page, email + " (page)");
            Assert.Contains(created.EndsAtLocal, page, StringComparison.Ordinal);
            // The page gives the generic reason within its one sentence ("Sharing is not allowed: the agreement is suspended under clause 10 ...").
            Assert.Contains(SharingStatusHandler.SuspendedReason.TrimEnd('.'), page, StringComparison.OrdinalIgnoreCase);
        }

        foreach (var email in new[] { "officer@kestrelheights.test", "officer@sil.test", "dpo@sil.test" })
        {
            var details = (await (await app.SignInAsync(email)).GetFromJsonAsync<AgreementDetails>(apiUrl, Api.Json))!.CurrentSuspension!.Details!;
            Assert.Equal(Reason, details.Reason);
            Assert.Equal(Evidence, details.Evidence);
            Assert.Equal(incident.Reference, Assert.Single(details.Incidents).Reference);
            var page = System.Net.WebUtility.HtmlDecode(await (await CookieAsync(app, email)).GetStringAsync(pageUrl));
            Assert.Contains(Reason, page, StringComparison.Ordinal);
            Assert.Contains(Evidence, page, StringComparison.Ordinal);
            Assert.Contains(incident.Reference, page, StringComparison.Ordinal);
        }

        var admin = await SignInAdminAsync(app);
        Assert.Equal(Reason, (await admin.GetFromJsonAsync<AgreementDetails>(apiUrl, Api.Json))!.CurrentSuspension!.Details!.Reason);

        // Another school's officer cannot see the agreement at all.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("officer@brambledown.test")).GetAsync(apiUrl)).StatusCode);

        // The sharing gate gives any key holder status, dates and a generic reason.
        var key = (await (await admin.PostAsJsonAsync("/api/api-keys", new { name = "Nightly transfer" })).Content.ReadFromJsonAsync<CreatedApiKey>(Api.Json))!;
        var system = app.CreateClient();
        system.DefaultRequestHeaders.Add("X-Api-Key", key.Key);
        var gateBody = await system.GetStringAsync("/api/schools/990003/sharing-status");
        AssertNothingOf(gateBody, "API key holder");
        var gate = JsonSerializer.Deserialize<SharingStatus>(gateBody, Api.Json)!;
        Assert.False(gate.Allowed);
        Assert.Equal(AgreementStatus.Suspended, gate.Status);
        Assert.Equal(SharingStatusHandler.SuspendedReason, gate.Reason);
        Assert.Equal(created.EndsAt, gate.SuspendedUntil);

        void AssertNothingOf(string body, string who)
        {
            var text = System.Net.WebUtility.HtmlDecode(body);
            foreach (var secret in new[] { Reason, "SEN records", Evidence, incident.Reference, incident.Id.ToString(), "Dana Whitfield" })
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{who} was shown '{secret}'");
            }
        }
    }

    private static readonly Guid KestrelHeightsAgreement = DemoData.AgreementIdFor(DemoData.KestrelHeightsId);

    private static async Task<SuspensionCreated> Created(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Expected 201, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<SuspensionCreated>(body, Api.Json)!;
    }

    /// <summary>403 as ProblemDetails.</summary>
    private static async Task Forbidden(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"Expected 403, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(403, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("party that imposed", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<HttpClient> CookieAsync(IncidentsApp app, string email)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = IncidentsApp.DemoPassword });
        login.EnsureSuccessStatusCode();
        return client;
    }

    private static Func<MimeMessage, bool> Subject(string start) => m => m.Subject?.StartsWith(start, StringComparison.Ordinal) == true;

    private async Task RunAtAsync(DateTimeOffset now, string subject, int expected)
    {
        await using var app = At(now);
        _ = app.Services;
        await Wait.UntilAsync(() => Task.FromResult(_smtp.Messages.Count(Subject(subject))), c => c >= expected, what: $"{expected} '{subject}' email(s)");
        await Wait.UntilAsync(
            () => app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Status != Domain.Notifications.NotificationStatus.Sent)),
            c => c == 0, what: "every notice sent");
        await Task.Delay(500);
        Assert.Equal(expected, _smtp.Messages.Count(Subject(subject)));
    }

    private IncidentsApp At(DateTimeOffset now) =>
        new(_smtp, _directory, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(now))));

    private static async Task<SuspensionCreated> SuspendAsync(HttpClient dpo, Guid incidentId)
    {
        var response = await dpo.PostAsJsonAsync($"/api/agreements/{MerseyValeAgreement}/suspensions", new { reason = "Serious breach of security", incidentIds = new[] { incidentId } });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonSerializer.Deserialize<SuspensionCreated>(body, Api.Json)!;
    }

    private static Dictionary<string, string?> Admin() => new()
    {
        ["Bootstrap:AdminEmail"] = "admin@sil.test",
        ["Bootstrap:AdminPassword"] = "bootstrap-admin-password",
    };

    private static async Task<HttpClient> SignInAdminAsync(IncidentsApp app)
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = "admin@sil.test", password = "bootstrap-admin-password" });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<IncidentsApp.TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    private static async Task BadRequest(Task<HttpResponseMessage> request, string field, HttpStatusCode expected = HttpStatusCode.BadRequest)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} for {field}, got {(int)response.StatusCode}: {body}");
        if (expected == HttpStatusCode.BadRequest)
        {
            using var problem = JsonDocument.Parse(body);
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"Expected an error for '{field}': {body}");
        }
    }

    /// <summary>The agreement page without JavaScript: "Continue" checks the answers (errors in page order) and shows them
    /// back without changing anything; the red button suspends; lifting without a reason is refused on the form.</summary>
    [Fact]
    public async Task The_agreement_page_checks_the_answers_before_suspending_and_refuses_a_lift_without_a_reason()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var dpo = await app.SignInAsync("dpo@sil.test");
        var incident = await staff.ReportAsync(Api.Breach());
        var browser = app.Browser();
        await browser.SignInPageAsync("dpo@sil.test", IncidentsApp.DemoPassword);
        var page = $"/agreements/{MerseyValeAgreement}";

        var empty = await (await browser.PostFormAsync($"{page}?handler=Suspend", new Dictionary<string, string>())).Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", empty, StringComparison.Ordinal);
        var reasonLink = empty.IndexOf("href=\"#Suspend_Reason\"", StringComparison.Ordinal);
        var incidentsLink = empty.IndexOf("href=\"#Suspend_IncidentIds\"", StringComparison.Ordinal);
        Assert.True(reasonLink >= 0 && incidentsLink > reasonLink, "The error summary lists the reason, then the incidents, as the form does.");

        var form = new Dictionary<string, string> { ["Suspend.Reason"] = "Two <b>serious</b> breaches in a week", ["Suspend.IncidentIds"] = incident.Id.ToString() };
        var check = await (await browser.PostFormAsync($"{page}?handler=Suspend", form)).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"check-answers\"", check, StringComparison.Ordinal);
        Assert.Contains("Two &lt;b&gt;serious&lt;/b&gt; breaches in a week", check, StringComparison.Ordinal);
        Assert.Equal(AgreementStatus.Active, (await dpo.GetFromJsonAsync<AgreementDetails>($"/api{page}", Api.Json))!.Status);

        var confirmed = await browser.PostFormAsync($"{page}?handler=ConfirmSuspend", form);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var agreement = (await dpo.GetFromJsonAsync<AgreementDetails>($"/api{page}", Api.Json))!;
        Assert.Equal(AgreementStatus.Suspended, agreement.Status);
        Assert.Contains("The agreement has been suspended.", await browser.GetStringAsync(page), StringComparison.Ordinal);

        var suspension = agreement.CurrentSuspension!.Id.ToString();
        var noReason = await browser.PostFormAsync($"{page}?handler=Lift", new Dictionary<string, string> { ["Lift.SuspensionId"] = suspension });
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Give the reason for lifting the suspension.", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AgreementStatus.Suspended, (await dpo.GetFromJsonAsync<AgreementDetails>($"/api{page}", Api.Json))!.Status);

        var lifted = await browser.PostFormAsync($"{page}?handler=Lift", new Dictionary<string, string> { ["Lift.SuspensionId"] = suspension, ["Lift.Reason"] = "The school has retrained its staff." });
        Assert.Equal(HttpStatusCode.Redirect, lifted.StatusCode);
        Assert.Equal(AgreementStatus.Active, (await dpo.GetFromJsonAsync<AgreementDetails>($"/api{page}", Api.Json))!.Status);
    }
}
