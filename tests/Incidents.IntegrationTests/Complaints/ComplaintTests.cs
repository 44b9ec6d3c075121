using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incidents.Application.Features.Complaints;
using Incidents.Domain.Complaints;
using Incidents.Domain.Notifications;
using Incidents.Domain.Timers;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Incidents.Web.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Incidents.IntegrationTests.Complaints;

/// <summary>Complaints end to end on the real app: the public form, the receipt, the 30-day acknowledgement reminders
/// (fake clock, across restarts), the acknowledgement, the outcome letter with the ICO sentence, and who sees what.</summary>
public sealed class ComplaintTests : IAsyncLifetime
{
    private const string Complainant = "jo.parent@example.org";
    private const string IcoSentence = "You have the right to complain to the Information Commissioner's Office (ICO)";
    private readonly TestSmtpServer _smtp = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("incidents-complaints-").FullName;
    private readonly DateTimeOffset _start = new(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        IncidentsApp.TryDelete(_directory);
    }

    private static Dictionary<string, string> PublicForm(string name = "Jo Parent") => new()
    {
        ["Input.ComplainantName"] = name,
        ["Input.ComplainantEmail"] = Complainant,
        ["Input.Relationship"] = "Parent",
        ["Input.About"] = "Reading records sent to another parent",
        ["Input.Details"] = "My son's reading records were emailed to another parent on 3 November.",
        ["Input.DesiredOutcome"] = "An apology and to know it will not happen again.",
    };

    [Fact]
    public async Task A_public_complaint_gets_a_receipt_reminders_at_10_and_1_days_across_restarts_then_the_acknowledgement_and_an_outcome_letter_naming_the_ico()
    {
        Guid id;
        string reference;
        DateTimeOffset acknowledgeBy;
        await using (var first = App(_start))
        {
            var browser = first.Browser();
            var sent = await browser.PostFormAsync("/complain/990001", PublicForm("Jo <b>Parent</b>"));
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            var confirmation = await browser.GetStringAsync(sent.Headers.Location);
            reference = System.Text.RegularExpressions.Regex.Match(confirmation, "CMP-[0-9]{4}-[0-9]{5}").Value;
            Assert.Equal($"CMP-{Domain.Common.LondonTime.ToLondon(_start).Year}-00001", reference);

            var complaint = await first.WithDbAsync(db => db.Set<Complaint>().SingleAsync());
            (id, acknowledgeBy) = (complaint.Id, complaint.AcknowledgeBy);
            Assert.Equal(ComplaintClock.AcknowledgeBy(_start), acknowledgeBy);
            Assert.Equal(ComplaintChannel.Form, complaint.Channel);

            // The complainant's receipt, and the school's officer, SIL's DPO and (clause 11.1) SIL's officer are told.
            await _smtp.WaitForAsync(4);
            var receipt = Assert.Single(_smtp.MessagesTo(Complainant));
            Assert.Contains(reference, receipt.Subject, StringComparison.Ordinal);
            Assert.Contains(reference, receipt.TextBody, StringComparison.Ordinal);
            Assert.Contains("Jo <b>Parent</b>", receipt.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>Parent", receipt.HtmlBody, StringComparison.Ordinal);
            foreach (var officer in new[] { "officer@merseyvale.test", "dpo@sil.test", "officer@sil.test" })
            {
                var told = Assert.Single(_smtp.MessagesTo(officer));
                Assert.Contains(reference, told.Subject, StringComparison.Ordinal);
                Assert.Contains(Domain.Common.LondonTime.Format(acknowledgeBy), told.TextBody, StringComparison.Ordinal);
                // No complainant's details in the officers' email.
                Assert.DoesNotContain("Parent", told.TextBody, StringComparison.Ordinal);
                Assert.DoesNotContain("reading records", told.TextBody, StringComparison.OrdinalIgnoreCase);
            }

            Assert.Contains("clause 11.1", Assert.Single(_smtp.MessagesTo("officer@sil.test")).TextBody, StringComparison.Ordinal);
            var timers = await first.WithDbAsync(db => db.Timers.Where(t => t.SubjectId == id).OrderBy(t => t.DueAt).ToListAsync());
            Assert.Equal(["10", "3", "1", "0"], timers.Select(t => t.Argument));
            Assert.All(timers, t => Assert.Equal(TimerKinds.ComplaintAcknowledgement, t.Kind));
        }

        // Down through the 10-days-left point: one reminder round (the school's officer and SIL's DPO).
        await RunAtAsync(ComplaintClock.ReminderAt(acknowledgeBy, 10) + TimeSpan.FromMinutes(5), expectedRounds: 1);
        Assert.All(Reminders(), m => Assert.Contains("Acknowledge the complaint: 9 days 23 hours left, Mersey Vale Primary School", m.Subject, StringComparison.Ordinal));
        Assert.Equal(["dpo@sil.test", "officer@merseyvale.test"], Reminders().Select(m => m.To.Mailboxes.Single().Address).Order());

        // Down through both the 3-day and the 1-day points: only the 1-day reminder, not a stale 3-day one.
        var oneDayLeft = ComplaintClock.ReminderAt(acknowledgeBy, 1) + TimeSpan.FromMinutes(5);
        await RunAtAsync(oneDayLeft, expectedRounds: 2);
        Assert.Equal(2, Reminders().Count(m => m.Subject!.Contains("23 hours 55 minutes left", StringComparison.Ordinal)));

        // The DPO acknowledges (by email, from the template): the clock stops.
        await using (var app = App(oneDayLeft + TimeSpan.FromMinutes(1)))
        {
            var dpo = await app.SignInAsync("dpo@sil.test");
            var acknowledged = await dpo.PostAsJsonAsync($"/api/complaints/{id}/acknowledgement", new { method = "Email", sendEmail = true });
            Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
            var details = (await acknowledged.Content.ReadFromJsonAsync<ComplaintDetails>(Api.Json))!;
            Assert.Equal(ComplaintStatus.Acknowledged, details.Status);
            Assert.False(details.Acknowledgement.Owed);
            Assert.Equal(AcknowledgementMethod.Email, details.AcknowledgementMethod);
            await _smtp.WaitForAsync(1, m => m.Subject!.Contains("is being looked at", StringComparison.Ordinal));
            Assert.Empty(await app.WithDbAsync(db => db.Timers.Where(t => t.SubjectId == id && t.Status == TimerStatus.Pending).ToListAsync()));
        }

        // Past the deadline: no overdue reminder, since it was acknowledged.
        await RunAtAsync(acknowledgeBy + TimeSpan.FromHours(1), expectedRounds: 2);

        await using (var app = App(acknowledgeBy + TimeSpan.FromHours(2)))
        {
            var dpo = await app.SignInAsync("dpo@sil.test");
            var closed = await dpo.PostAsJsonAsync($"/api/complaints/{id}/outcome", new { outcome = "PartlyUpheld", summary = "The records were sent in error. Staff have been retrained." });
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
            var letter = (await _smtp.WaitForAsync(1, m => m.Subject!.Contains("outcome of your complaint", StringComparison.Ordinal))).Single();
            Assert.Equal(Complainant, letter.To.Mailboxes.Single().Address);
            Assert.Contains(IcoSentence, letter.TextBody, StringComparison.Ordinal);
            Assert.Contains("partly upheld", letter.TextBody, StringComparison.Ordinal);
            Assert.Contains("Staff have been retrained", letter.TextBody, StringComparison.Ordinal);

            var audit = (await dpo.GetFromJsonAsync<ComplaintDetails>($"/api/complaints/{id}", Api.Json))!.Audit.Select(a => a.Action).ToList();
            Assert.Equal(["ComplaintReceived", "ComplaintReminderSent", "ComplaintReminderSent", "ComplaintAcknowledged", "ComplaintOutcome"], audit);
            var verify = await dpo.GetFromJsonAsync<JsonElement>("/api/audit/verify");
            Assert.True(verify.GetProperty("valid").GetBoolean(), verify.ToString());
        }
    }

    [Fact]
    public async Task A_complaint_whose_time_is_not_known_is_kept_as_its_day_and_shown_and_emailed_without_a_made_up_time()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var staff = await app.SignInWithCookieAsync("staff@merseyvale.test");
        var yesterday = Domain.Common.LondonTime.ToLondon(DateTimeOffset.UtcNow).AddDays(-1);
        var form = new Dictionary<string, string>
        {
            ["Input.ReceivedDay"] = yesterday.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ReceivedMonth"] = yesterday.ToString("MMM", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ReceivedYear"] = yesterday.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Channel"] = "Letter",
            ["Input.ComplainantName"] = "Sam Grandparent",
            ["Input.ComplainantEmail"] = Complainant,
            ["Input.Relationship"] = "Grandparent",
            ["Input.About"] = "Photo shared without consent",
            ["Input.Details"] = "A photo of my grandchild was in the newsletter.",
        };

        // A date alone is not silently midnight: the time is given, or explicitly not known.
        var refused = await staff.PostFormAsync("/complaints/log", form);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("<a href=\"#Input_ReceivedTime\">Enter a time, for example 14:30, or select", html, StringComparison.Ordinal);
        Assert.Empty(await app.WithDbAsync(db => db.Set<Complaint>().ToListAsync()));

        // The form offered now; that time left on the day changed to is queried, against the time box.
        var now = Domain.Common.LondonTime.ToLondon(DateTimeOffset.UtcNow);
        form["Input.ReceivedTime"] = now.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        form["Input.Offered"] = GovUkDate.Offer(now);
        var offeredTimeKept = await (await staff.PostFormAsync("/complaints/log", form)).Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#Input_ReceivedTime\">Check the time:", offeredTimeKept, StringComparison.Ordinal);
        Assert.Empty(await app.WithDbAsync(db => db.Set<Complaint>().ToListAsync()));

        form["Input.ReceivedTime"] = "";
        form["Input.ReceivedTimeUnknown"] = "true";
        var logged = await staff.PostFormAsync("/complaints/log", form);
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var complaint = await app.WithDbAsync(db => db.Set<Complaint>().SingleAsync());
        Assert.True(complaint.ReceivedTimeUnknown);
        Assert.Equal(Domain.Common.LondonTime.FromLondonWallClock(yesterday.Date), complaint.ReceivedAt);
        var day = Domain.Common.LondonTime.FormatDay(yesterday);
        Assert.Contains($"Received: {day} (time not known)", await staff.GetStringAsync(logged.Headers.Location), StringComparison.Ordinal);
        var receipt = (await _smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == Complainant))).Single();
        Assert.Contains($"We received it on {day}.", receipt.TextBody, StringComparison.Ordinal);

        // The acknowledgement: the form offers now; a day alone needs "I do not know the time".
        var officer = await app.SignInWithCookieAsync("officer@merseyvale.test");
        var offered = await officer.GetStringAsync($"/complaints/{complaint.Id}");
        Assert.Matches("id=\"Input_Time\"[^>]*value=\"[0-9]{2}:[0-9]{2}\"", offered);
        var today = Domain.Common.LondonTime.ToLondon(DateTimeOffset.UtcNow);
        var acknowledge = new Dictionary<string, string>
        {
            ["Input.Version"] = "0",
            ["Input.Day"] = today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Month"] = today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Year"] = today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Time"] = "",
            ["Input.Method"] = "Phone",
        };
        var noTime = await (await officer.PostFormAsync($"/complaints/{complaint.Id}?handler=acknowledge", acknowledge)).Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#Input_Time\">Enter a time, for example 14:30, or select", noTime, StringComparison.Ordinal);
        acknowledge["Input.TimeUnknown"] = "true";
        var done = await (await officer.PostFormAsync($"/complaints/{complaint.Id}?handler=acknowledge", acknowledge)).Content.ReadAsStringAsync();
        Assert.Contains("Acknowledgement recorded.", done, StringComparison.Ordinal);
        Assert.Contains($"Acknowledged {Domain.Common.LondonTime.FormatDay(today)} (time not known) by phone", done, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Set<Complaint>().Select(c => c.AcknowledgedTimeUnknown).SingleAsync()));
    }

    [Fact]
    public async Task Staff_log_a_complaint_by_the_contract_and_a_school_never_sees_another_schools_complaints()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var receivedAt = new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.Zero);
        var response = await staff.PostAsJsonAsync("/api/complaints", new
        {
            organisationId = DemoData.MerseyValeId,
            receivedAt = "2026-03-20T10:00",
            channel = "Letter",
            complainantName = "Sam Grandparent",
            complainantEmail = "sam@example.org",
            relationship = "Grandparent",
            about = "Photo shared without consent",
            details = "A photo of my grandchild was on the newsletter sent to SIL.",
            desiredOutcome = "Take it down.",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var id = created.RootElement.GetProperty("id").GetGuid();
        Assert.Matches("^CMP-[0-9]{4}-[0-9]{5}$", created.RootElement.GetProperty("reference").GetString());
        // 10:00 GMT on 20 March + 30 London days = 10:00 BST on 19 April (09:00 UTC).
        Assert.Equal(new DateTimeOffset(2026, 4, 19, 9, 0, 0, TimeSpan.Zero), created.RootElement.GetProperty("acknowledgeBy").GetDateTimeOffset());
        Assert.Equal($"/api/complaints/{id}", response.Headers.Location?.OriginalString);

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/complaints/{id}")).StatusCode);
        var otherSchool = await app.SignInAsync("officer@brambledown.test");
        Assert.Equal(HttpStatusCode.NotFound, (await otherSchool.GetAsync($"/api/complaints/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherSchool.PostAsJsonAsync($"/api/complaints/{id}/acknowledgement", new { method = "Letter" })).StatusCode);
        Assert.DoesNotContain(id.ToString(), await otherSchool.GetStringAsync("/api/complaints"), StringComparison.Ordinal);
        Assert.Contains(id.ToString(), await staff.GetStringAsync("/api/complaints"), StringComparison.Ordinal);
        var otherBrowser = await app.SignInWithCookieAsync("officer@brambledown.test");
        Assert.Equal(HttpStatusCode.NotFound, (await otherBrowser.GetAsync($"/complaints/{id}")).StatusCode);

        // A school's staff log for their own school only; they do not acknowledge (their designated officer does).
        var forOther = await staff.PostAsJsonAsync("/api/complaints", new { organisationId = DemoData.BrambledownId, receivedAt = "2026-03-20T10:00", channel = "Phone", complainantName = "A", relationship = "Parent", about = "x", details = "y" });
        Assert.Equal(HttpStatusCode.Forbidden, forOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/complaints/{id}/acknowledgement", new { method = "Letter" })).StatusCode);

        // Bad input: field errors, never a 500.
        var bad = await staff.PostAsJsonAsync("/api/complaints", new { organisationId = DemoData.MerseyValeId, channel = "Pigeon", complainantEmail = "not-an-address" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var empty = await staff.PostAsJsonAsync("/api/complaints", new { organisationId = DemoData.MerseyValeId, complainantEmail = "not-an-address" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        using var problem = JsonDocument.Parse(await empty.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        foreach (var field in new[] { "receivedAt", "channel", "complainantName", "complainantEmail", "relationship", "about", "details" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }

        // The school's officer acknowledges; a stale version is a conflict; the outcome closes it.
        var officer = await app.SignInAsync("officer@merseyvale.test");
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/complaints/{id}/acknowledgement", new { version = 7, method = "Letter" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/complaints/{id}/outcome", new { version = 0, outcome = "Upheld", summary = "Found." })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/complaints/{id}/acknowledgement", new { version = 0, method = "Letter" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/complaints/{id}/acknowledgement", new { version = 1, method = "Letter" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/complaints/{id}/outcome", new { version = 1, outcome = "Upheld", summary = "Found." })).StatusCode);
    }

    [Fact]
    public async Task Sils_complaint_about_a_school_tells_that_school_and_a_breach_it_reveals_is_reported_and_linked_in_one_step()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var browser = app.Browser();
        var form = PublicForm();
        form["Input.AboutOrganisationId"] = DemoData.BrambledownId.ToString();
        var sent = await browser.PostFormAsync("/complain/sil", form);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        await _smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == "officer@brambledown.test"));
        Assert.Empty(_smtp.MessagesTo("officer@merseyvale.test"));

        var id = await app.WithDbAsync(db => db.Set<Complaint>().Select(c => c.Id).SingleAsync());
        var dpo = await app.SignInAsync("dpo@sil.test");
        var raised = await dpo.PostAsJsonAsync($"/api/complaints/{id}/breach", new { version = 0 });
        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        var details = (await raised.Content.ReadFromJsonAsync<ComplaintDetails>(Api.Json))!;
        Assert.NotNull(details.LinkedIncidentId);
        var incident = await dpo.GetIncidentAsync(details.LinkedIncidentId!.Value);
        Assert.Contains(details.Reference, incident.Summary, StringComparison.Ordinal);
        Assert.Equal(details.LinkedIncidentReference, incident.Reference);
        // Once only.
        Assert.Equal(HttpStatusCode.BadRequest, (await dpo.PostAsJsonAsync($"/api/complaints/{id}/breach", new { })).StatusCode);
        // The school told of it sees it; another school does not.
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync("officer@brambledown.test")).GetAsync($"/api/complaints/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("officer@merseyvale.test")).GetAsync($"/api/complaints/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_public_form_answers_404_for_an_unknown_organisation_shows_field_errors_and_is_rate_limited_per_address()
    {
        await using var app = new IncidentsApp(_smtp, _directory, settings: new Dictionary<string, string?> { ["RateLimits:PublicComplaintsPerHour"] = "2" });
        var browser = app.Browser(peer: "203.0.113.7");
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/complain/123456")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/complain/SIL")).StatusCode);

        var empty = await browser.PostFormAsync("/complain/990002", new Dictionary<string, string> { ["Input.ComplainantEmail"] = "nope" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var html = await empty.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_ComplainantName\"", html, StringComparison.Ordinal);
        Assert.Contains("Enter an email address in the correct format", html, StringComparison.Ordinal);

        // No token: refused.
        var forged = await browser.PostAsync(new Uri("/complain/990002", UriKind.Relative), new FormUrlEncodedContent(PublicForm()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await browser.PostFormAsync("/complain/990002", PublicForm())).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Complaint>().CountAsync()));
        // Another address has its own allowance.
        Assert.Equal(HttpStatusCode.Redirect, (await app.Browser(peer: "203.0.113.8").PostFormAsync("/complain/990002", PublicForm())).StatusCode);
    }

    private List<MimeMessage> Reminders() =>
        _smtp.Messages.Where(m => m.Subject is not null && (m.Subject.Contains("Acknowledge the complaint:", StringComparison.Ordinal) || m.Subject.Contains("Complaint not acknowledged", StringComparison.Ordinal))).ToList();

    /// <summary>Starts the app with its clock at <paramref name="now"/>, waits for the reminder rounds it owes (two
    /// recipients each), then stops it.</summary>
    private async Task RunAtAsync(DateTimeOffset now, int expectedRounds)
    {
        await using var app = App(now);
        _ = app.Services;
        await Wait.UntilAsync(() => Task.FromResult(Reminders().Count), c => c >= expectedRounds * 2, what: $"{expectedRounds * 2} reminder email(s)");
        await Wait.UntilAsync(
            () => app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Status != NotificationStatus.Sent)),
            c => c == 0, what: "every notice sent");
        await Task.Delay(500);
        Assert.Equal(expectedRounds * 2, Reminders().Count);
    }

    private IncidentsApp App(DateTimeOffset now) =>
        new(_smtp, _directory, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(now))));
}
