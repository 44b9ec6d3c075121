using Incidents.Domain.Incidents;
using Incidents.Domain.Timers;
using Incidents.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Incidents.IntegrationTests;

/// <summary>ICO reminders are timer rows: a reminder that fell due while the app was down is sent, once, when it
/// comes back; a decision stops them.</summary>
public sealed class ReminderTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("incidents-reminders-").FullName;
    private readonly DateTimeOffset _start = new(DateTimeOffset.UtcNow.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        IncidentsApp.TryDelete(_directory);
    }

    [Fact]
    public async Task Each_reminder_that_fell_due_while_the_app_was_down_is_sent_once_when_it_comes_back()
    {
        Guid incidentId;
        await using (var first = App(_start))
        {
            var staff = await first.SignInAsync("staff@merseyvale.test");
            incidentId = (await staff.ReportAsync(Api.Breach())).Id;
            await _smtp.WaitForAsync(2);
            var reminders = await first.WithDbAsync(db => db.Timers.Where(t => t.Kind == TimerKinds.IcoReminder && t.SubjectId == incidentId).OrderBy(t => t.DueAt).ToListAsync());
            Assert.Equal([ReminderStage.Hours48, ReminderStage.Hours24, ReminderStage.Hours6, ReminderStage.Overdue], reminders.Select(IcoReminder.StageOf));
            Assert.Empty(Reminders());
        }

        // The app is down while 48 hours are left, and comes back: one reminder to the DPO.
        await RunAtAsync(_start + TimeSpan.FromHours(24) + TimeSpan.FromMinutes(5), expectedReminders: 1);
        // The clock runs from the discovery (an hour before the report): 1 day 22 hours and some minutes are left.
        Assert.Contains("1 day 22 hours left to decide", Assert.Single(Reminders()).Subject, StringComparison.Ordinal);

        // Back again at the same moment: nothing new.
        await RunAtAsync(_start + TimeSpan.FromHours(24) + TimeSpan.FromMinutes(6), expectedReminders: 1);

        // Down through the 24-hour point: one more.
        await RunAtAsync(_start + TimeSpan.FromHours(48) + TimeSpan.FromMinutes(5), expectedReminders: 2);
        Assert.Contains("22 hours", Reminders()[1].Subject, StringComparison.Ordinal);
        Assert.Contains("left to decide", Reminders()[1].Subject, StringComparison.Ordinal);

        // Down through both the 6-hour point and the deadline: only the overdue notice, not a stale 6-hour one.
        await RunAtAsync(_start + TimeSpan.FromHours(73), expectedReminders: 3);
        Assert.Contains("deadline has passed", Reminders()[2].Subject, StringComparison.Ordinal);
        Assert.All(Reminders(), m => Assert.Equal("dpo@sil.test", m.To.Mailboxes.Single().Address));

        await using var last = App(_start + TimeSpan.FromHours(74));
        var states = (await last.WithDbAsync(db => db.Timers.Where(t => t.Kind == TimerKinds.IcoReminder && t.SubjectId == incidentId).ToListAsync()))
            .ToDictionary(IcoReminder.StageOf, t => t.Status);
        Assert.Equal(TimerStatus.Fired, states[ReminderStage.Hours48]);
        Assert.Equal(TimerStatus.Fired, states[ReminderStage.Hours24]);
        Assert.Equal(TimerStatus.Cancelled, states[ReminderStage.Hours6]);
        Assert.Equal(TimerStatus.Fired, states[ReminderStage.Overdue]);
    }

    [Fact]
    public async Task A_decision_stops_the_reminders_and_the_assignee_is_reminded_too()
    {
        Guid incidentId;
        await using (var first = App(_start))
        {
            var staff = await first.SignInAsync("staff@merseyvale.test");
            var dpo = await first.SignInAsync("dpo@sil.test");
            incidentId = (await staff.ReportAsync(Api.Breach())).Id;
            var officerId = await first.WithDbAsync(db => db.Users.Where(u => u.Email == "officer@sil.test").Select(u => u.Id).SingleAsync());
            var incident = await dpo.GetIncidentAsync(incidentId);
            var triaged = await dpo.PostAsync($"/api/incidents/{incidentId}/triage", System.Net.Http.Json.JsonContent.Create(new { version = incident.Version, classification = "PersonalDataBreach", assigneeUserId = officerId }));
            triaged.EnsureSuccessStatusCode();
        }

        await RunAtAsync(_start + TimeSpan.FromHours(25), expectedReminders: 2);
        Assert.Equal(["dpo@sil.test", "officer@sil.test"], Reminders().Select(m => m.To.Mailboxes.Single().Address).Order());

        await using (var app = App(_start + TimeSpan.FromHours(26)))
        {
            var dpo = await app.SignInAsync("dpo@sil.test");
            var incident = await dpo.GetIncidentAsync(incidentId);
            var decided = await dpo.PostAsync($"/api/incidents/{incidentId}/decision", System.Net.Http.Json.JsonContent.Create(new
            {
                version = incident.Version,
                personalDataOfLivingPeople = true,
                riskLikely = false,
                highRisk = false,
                outcome = "RecordOnly",
                rationale = "Sent to the child's other parent, who has parental responsibility.",
            }));
            decided.EnsureSuccessStatusCode();
        }

        // Past every later reminder: nothing more is sent.
        await RunAtAsync(_start + TimeSpan.FromHours(80), expectedReminders: 2);
        await using var last = App(_start + TimeSpan.FromHours(80));
        Assert.Equal(0, await last.WithDbAsync(db => db.Timers.CountAsync(t => t.Kind == TimerKinds.IcoReminder && t.SubjectId == incidentId && t.Status == TimerStatus.Pending)));
    }

    [Fact]
    public async Task A_decision_to_report_keeps_the_reminders_until_the_initial_report_is_filed()
    {
        Guid incidentId;
        await using (var first = App(_start))
        {
            var staff = await first.SignInAsync("staff@merseyvale.test");
            var dpo = await first.SignInAsync("dpo@sil.test");
            incidentId = (await staff.ReportAsync(Api.Breach())).Id;
            var incident = await dpo.GetIncidentAsync(incidentId);
            var decided = await dpo.PostAsync($"/api/incidents/{incidentId}/decision", System.Net.Http.Json.JsonContent.Create(new
            {
                version = incident.Version,
                personalDataOfLivingPeople = true,
                riskLikely = true,
                highRisk = false,
                outcome = "ReportToIco",
                rationale = "Names and UPNs of 28 children reached one parent.",
            }));
            decided.EnsureSuccessStatusCode();
            Assert.Equal(4, await first.WithDbAsync(db => db.Timers.CountAsync(t => t.Kind == TimerKinds.IcoReminder && t.SubjectId == incidentId && t.Status == TimerStatus.Pending)));
            var owed = await dpo.GetIncidentAsync(incidentId);
            Assert.Equal(IcoDutyState.ReportOwed, owed.IcoDuty.State);
            Assert.Equal(incident.IcoDuty.Deadline, owed.IcoDuty.Deadline);
        }

        // The decision did not stop the clock: the 48-hour reminder says the report is owed.
        await RunAtAsync(_start + TimeSpan.FromHours(24) + TimeSpan.FromMinutes(5), expectedReminders: 1);
        Assert.Contains("left to report to the ICO", Assert.Single(Reminders()).Subject, StringComparison.Ordinal);
        Assert.Contains("report is still owed", Reminders()[0].TextBody, StringComparison.Ordinal);

        await using (var app = App(_start + TimeSpan.FromHours(25)))
        {
            var dpo = await app.SignInAsync("dpo@sil.test");
            var incident = await dpo.GetIncidentAsync(incidentId);
            var filed = await dpo.PostAsync($"/api/incidents/{incidentId}/ico-filings", System.Net.Http.Json.JsonContent.Create(new
            {
                version = incident.Version,
                submittedAt = _start + TimeSpan.FromHours(25) - TimeSpan.FromMinutes(10),
                icoCaseReference = "IC-123456-A1B2",
                phase = "Initial",
                nature = "A class list was emailed to one parent.",
                dataSubjectCategories = "Pupils",
                approximateDataSubjects = 28,
                dpoContact = "Dana Whitfield, dpo@sil.test",
                likelyConsequences = "Low.",
                measures = "Deleted.",
            }));
            filed.EnsureSuccessStatusCode();
            Assert.Equal(0, await app.WithDbAsync(db => db.Timers.CountAsync(t => t.Kind == TimerKinds.IcoReminder && t.SubjectId == incidentId && t.Status == TimerStatus.Pending)));
            var reported = await dpo.GetIncidentAsync(incidentId);
            Assert.Equal(IcoDutyState.ReportedOnTime, reported.IcoDuty.State);
            Assert.Null(reported.IcoDuty.Countdown);
        }

        // Past every later reminder: nothing more is sent once the initial report is filed.
        await RunAtAsync(_start + TimeSpan.FromHours(80), expectedReminders: 1);
    }

    [Fact]
    public async Task Moving_awareness_needs_a_reason_replans_the_reminders_and_is_audited()
    {
        await using var app = App(_start);
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var dpo = await app.SignInAsync("dpo@sil.test");
        var discoveredAt = _start - TimeSpan.FromHours(2);
        var incidentId = (await staff.ReportAsync(new
        {
            kind = "ConfidentialityBreach",
            counterpartyOrganisationId = Infrastructure.Startup.DemoData.SilId,
            discoveredAt,
            summary = "Class list emailed to the wrong parent",
            description = "A spreadsheet was sent to one parent by mistake.",
            dataCategories = new[] { "Names" },
            approximateDataSubjects = 28,
        })).Id;

        // The clock runs from the discovery, and so do the reminders.
        var reported = await dpo.GetIncidentAsync(incidentId);
        Assert.Equal(discoveredAt, reported.IcoDuty.AwareAt);
        Assert.Equal(discoveredAt + TimeSpan.FromHours(72), reported.IcoDuty.Deadline);
        Assert.Equal(IcoDutyState.DecisionOwed, reported.IcoDuty.State);
        Assert.Equal(reported.IcoDuty.Deadline, reported.IcoClock.Deadline);
        async Task<List<DateTimeOffset>> PendingAsync() => (await app.WithDbAsync(db => db.Timers
                .Where(t => t.Kind == TimerKinds.IcoReminder && t.SubjectId == incidentId && t.Status == TimerStatus.Pending).ToListAsync()))
            .Select(t => t.DueAt).Order().ToList();
        Assert.Equal([48, 24, 6, 0], (await PendingAsync()).Select(d => (int)Math.Round((discoveredAt + TimeSpan.FromHours(72) - d).TotalHours)));

        // Moving it without a reason is refused.
        var awareAt = _start - TimeSpan.FromHours(5);
        var refused = await dpo.PostAsync($"/api/incidents/{incidentId}/triage", System.Net.Http.Json.JsonContent.Create(new { version = reported.Version, classification = "PersonalDataBreach", awareAt }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("awareAtReason", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var moved = await dpo.PostAsync($"/api/incidents/{incidentId}/triage", System.Net.Http.Json.JsonContent.Create(new
        {
            version = reported.Version,
            classification = "PersonalDataBreach",
            awareAt,
            awareAtReason = "The school's IT supplier told the head three hours before the office found it.",
        }));
        moved.EnsureSuccessStatusCode();

        var now = await dpo.GetIncidentAsync(incidentId);
        Assert.Equal(awareAt, now.IcoDuty.AwareAt);
        Assert.Equal(awareAt + TimeSpan.FromHours(72), now.IcoDuty.Deadline);
        Assert.Equal("The school's IT supplier told the head three hours before the office found it.", now.IcoDuty.AwareAtReason);
        Assert.Equal([48, 24, 6, 0], (await PendingAsync()).Select(d => (int)Math.Round((awareAt + TimeSpan.FromHours(72) - d).TotalHours)));
        Assert.Equal(4, await app.WithDbAsync(db => db.Timers.CountAsync(t => t.Kind == TimerKinds.IcoReminder && t.SubjectId == incidentId && t.Status == TimerStatus.Cancelled)));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.IncidentId == incidentId && a.Action == "Triaged").SingleAsync());
        Assert.Contains("IT supplier", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_annual_review_reminder_goes_to_sil_once_30_days_before_1_september()
    {
        static bool Review(MimeMessage m) => m.Subject?.StartsWith("Annual review due", StringComparison.Ordinal) == true;

        await using (var before = App(new DateTimeOffset(2027, 7, 31, 9, 0, 0, TimeSpan.Zero)))
        {
            _ = before.Services;
            Assert.Equal(0, await before.WithDbAsync(db => db.Notifications.CountAsync(n => n.Type == Domain.Notifications.NotificationType.AgreementReviewDue)));
        }

        await using (var due = App(new DateTimeOffset(2027, 8, 5, 9, 0, 0, TimeSpan.Zero)))
        {
            _ = due.Services;
            var messages = await _smtp.WaitForAsync(6, Review);
            Assert.Equal(3, messages.Count(m => m.To.Mailboxes.Single().Address == "dpo@sil.test"));
            Assert.Equal(3, messages.Count(m => m.To.Mailboxes.Single().Address == "officer@sil.test"));
            Assert.All(messages, m => Assert.Contains("1 September 2027", m.Subject, StringComparison.Ordinal));
            Assert.Contains(messages, m => m.Subject!.Contains("Mersey Vale Primary School", StringComparison.Ordinal));
        }

        await using (var again = App(new DateTimeOffset(2027, 8, 6, 9, 0, 0, TimeSpan.Zero)))
        {
            _ = again.Services;
            await Task.Delay(1000);
        }

        Assert.Equal(6, _smtp.Messages.Count(Review));
    }

    private List<MimeMessage> Reminders() =>
        _smtp.Messages.Where(m => m.Subject is not null && (m.Subject.Contains(" left to ", StringComparison.Ordinal) || m.Subject.Contains("deadline has passed", StringComparison.Ordinal))).ToList();

    /// <summary>Starts the app with its clock at <paramref name="now"/>, waits for the reminder emails it owes, then stops it.</summary>
    private async Task RunAtAsync(DateTimeOffset now, int expectedReminders)
    {
        await using var app = App(now);
        _ = app.Services; // start: the start-up reconciler finds what fell due while the app was down
        await Wait.UntilAsync(() => Task.FromResult(Reminders().Count), c => c >= expectedReminders, what: $"{expectedReminders} reminder email(s)");
        await Wait.UntilAsync(
            () => app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Status != Domain.Notifications.NotificationStatus.Sent)),
            c => c == 0, what: "every notice sent");
        await Task.Delay(500);
        Assert.Equal(expectedReminders, Reminders().Count);
    }

    private IncidentsApp App(DateTimeOffset now) =>
        new(_smtp, _directory, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(now))));
}
