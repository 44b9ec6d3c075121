using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;

namespace Incidents.IntegrationTests;

/// <summary>The ICO duty is one rule: the queue, the dashboard, the incident page and the API say the same thing
/// about the same incidents, and the clock runs from the discovery.</summary>
public sealed partial class IcoDutyTests : IAsyncLifetime
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
    public async Task The_clock_runs_from_the_discovery_and_the_report_email_shows_that_deadline()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var discoveredAt = new DateTimeOffset(DateTimeOffset.UtcNow.AddHours(-16).Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var reported = await staff.ReportAsync(Breach(discoveredAt, "Discovered yesterday"));

        var incident = await staff.GetIncidentAsync(reported.Id);
        Assert.Equal(discoveredAt, incident.IcoDuty.AwareAt);
        Assert.Null(incident.IcoDuty.AwareAtReason);
        Assert.Equal(discoveredAt.AddHours(72), incident.IcoDuty.Deadline);
        Assert.Equal(discoveredAt.AddHours(72), incident.IcoClock.Deadline);
        Assert.Equal(IcoDutyState.DecisionOwed, incident.IcoDuty.State);
        Assert.StartsWith("2 days 7 hours", incident.IcoDuty.Countdown, StringComparison.Ordinal);

        // Every notice about it (the officers', the DPO's and the reporter's receipt) gives the deadline from discovery.
        var messages = await _smtp.WaitForAsync(reported.Notified.Count, m => m.Subject!.Contains(reported.Reference, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.Contains(LondonTime.Format(discoveredAt.AddHours(72)), m.TextBody, StringComparison.Ordinal));
        Assert.Contains(messages, m => m.TextBody!.Contains($"ICO deadline: {LondonTime.Format(discoveredAt.AddHours(72))}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Queue_dashboard_page_and_api_agree_on_the_duty_and_a_breach_filed_on_time_is_overdue_nowhere()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var pages = await _app.SignInWithCookieAsync("dpo@sil.test");
        var fourDaysAgo = DateTimeOffset.UtcNow.AddDays(-4);

        var noDecision = await staff.ReportAsync(Breach(fourDaysAgo, "No decision, past the deadline"));
        var filedOnTime = await staff.ReportAsync(Breach(fourDaysAgo, "Reported to the ICO on time"));
        var reportOwed = await staff.ReportAsync(Breach(fourDaysAgo, "Decided to report, not yet reported"));
        var fresh = await staff.ReportAsync(Breach(DateTimeOffset.UtcNow.AddHours(-1), "Discovered an hour ago"));
        var notReportable = await staff.ReportAsync(Breach(fourDaysAgo, "Decided not to report"));

        await DecideAsync(dpo, filedOnTime.Id, "ReportToIco");
        await DecideAsync(dpo, reportOwed.Id, "ReportToIco");
        await DecideAsync(dpo, notReportable.Id, "RecordOnly");
        var filedVersion = (await dpo.GetIncidentAsync(filedOnTime.Id)).Version;
        var filed = await dpo.PostAsJsonAsync($"/api/incidents/{filedOnTime.Id}/ico-filings", new
        {
            version = filedVersion,
            submittedAt = fourDaysAgo.AddHours(30),
            icoCaseReference = "IC-123456-A1B2",
            phase = "Initial",
            nature = "A class list was emailed to one parent.",
            dataSubjectCategories = "Pupils",
            approximateDataSubjects = 28,
            dpoContact = "Dana Whitfield, dpo@sil.test",
            likelyConsequences = "Low.",
            measures = "Deleted.",
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);

        var expected = new Dictionary<Guid, (IcoDutyState State, bool Overdue)>
        {
            [noDecision.Id] = (IcoDutyState.DecisionOwed, true),
            [filedOnTime.Id] = (IcoDutyState.ReportedOnTime, false),
            [reportOwed.Id] = (IcoDutyState.ReportOwed, true),
            [fresh.Id] = (IcoDutyState.DecisionOwed, false),
            [notReportable.Id] = (IcoDutyState.NotReportable, false),
        };
        var references = new Dictionary<Guid, string>
        {
            [noDecision.Id] = noDecision.Reference,
            [filedOnTime.Id] = filedOnTime.Reference,
            [reportOwed.Id] = reportOwed.Reference,
            [fresh.Id] = fresh.Reference,
            [notReportable.Id] = notReportable.Reference,
        };

        var queue = (await dpo.GetFromJsonAsync<PagedList<TriageQueueItem>>("/api/triage?pageSize=200", Api.Json))!;
        var overdueQueue = (await dpo.GetFromJsonAsync<PagedList<TriageQueueItem>>("/api/triage?overdue=true&pageSize=200", Api.Json))!;
        var triagePage = await pages.GetStringAsync("/triage");
        var dashboard = await pages.GetStringAsync("/");

        foreach (var (id, (state, overdue)) in expected)
        {
            // The API, one incident.
            var detail = await dpo.GetIncidentAsync(id);
            Assert.Equal(state, detail.IcoDuty.State);
            Assert.Equal(overdue, detail.IcoDuty.Overdue);
            Assert.Equal(overdue, detail.IcoClock.Overdue);

            // The API, the queue.
            var item = Assert.Single(queue.Items, i => i.Id == id);
            Assert.Equal(overdue, item.Overdue);
            Assert.Equal(state, item.IcoDuty!.State);
            Assert.Equal(overdue, item.IcoDuty.Overdue);
            Assert.Equal(overdue, overdueQueue.Items.Any(i => i.Id == id));

            // The incident page.
            var page = await pages.GetStringAsync($"/incidents/{id}");
            Assert.Equal(overdue, page.Contains("app-clock app-clock--overdue", StringComparison.Ordinal));
            Assert.Contains(state.Describe(), page, StringComparison.Ordinal);
            Assert.Equal(overdue, page.Contains("Overdue by", StringComparison.Ordinal));

            // The queue page: the row of this incident.
            var row = Row(triagePage, references[id]);
            Assert.Contains(state.Describe(), row, StringComparison.Ordinal);
            Assert.Equal(overdue, row.Contains("govuk-tag--red", StringComparison.Ordinal));
        }

        // The dashboard's count is the queue's.
        var count = int.Parse(DashboardCount().Match(dashboard).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(overdueQueue.TotalCount, count);
        Assert.Equal(2, overdueQueue.Items.Count(i => expected.ContainsKey(i.Id)));

        // Durations in words, never decimals.
        Assert.DoesNotMatch(@"\d+\.\d+ hours", triagePage);
        var owed = await pages.GetStringAsync($"/incidents/{noDecision.Id}");
        Assert.Matches(@"Overdue by 1 day(</| )", owed);
        var running = await pages.GetStringAsync($"/incidents/{fresh.Id}");
        Assert.Contains("2 days 22 hours left", running, StringComparison.Ordinal);
    }

    private static string Row(string html, string reference)
    {
        var at = html.IndexOf($">{reference}<", StringComparison.Ordinal);
        Assert.True(at >= 0, $"{reference} is not in the queue page");
        var end = html.IndexOf("</tr>", at, StringComparison.Ordinal);
        return html[at..end];
    }

    [GeneratedRegex(@"data-testid=""overdue-count"">\s*<p class=""govuk-body app-figure__number"">(\d+)</p>")]
    private static partial Regex DashboardCount();

    private static async Task<int> DecideAsync(HttpClient dpo, Guid id, string outcome)
    {
        var incident = await dpo.GetIncidentAsync(id);
        var report = outcome != "RecordOnly";
        var response = await dpo.PostAsJsonAsync($"/api/incidents/{id}/decision", new
        {
            version = incident.Version,
            personalDataOfLivingPeople = true,
            riskLikely = report,
            highRisk = false,
            outcome,
            rationale = "Considered against the ICO's self-assessment.",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return (await dpo.GetIncidentAsync(id)).Version;
    }

    private static object Breach(DateTimeOffset discoveredAt, string summary) => new
    {
        kind = "ConfidentialityBreach",
        counterpartyOrganisationId = DemoData.SilId,
        discoveredAt,
        summary,
        description = "A spreadsheet with names and UPNs of a Year 4 class was sent to one parent by mistake.",
        dataCategories = new[] { "Names", "Upn" },
        approximateDataSubjects = 28,
    };
}
