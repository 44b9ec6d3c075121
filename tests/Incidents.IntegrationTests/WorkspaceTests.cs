using System.Net;
using System.Net.Http.Json;
using Incidents.Application.Features.Triage;
using Incidents.IntegrationTests.Support;

namespace Incidents.IntegrationTests;

/// <summary>The incident page as a task list and each task's own page, through the real app: who may open which task,
/// a lost race shown as such, and the dashboard's items.</summary>
public sealed class WorkspaceTests : IAsyncLifetime
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
    public async Task Only_the_dpo_gets_the_task_links_and_pages_and_another_school_gets_404()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var reported = await staff.ReportAsync(Api.Breach());
        var dpo = await _app.SignInWithCookieAsync("dpo@sil.test");
        var reporter = await _app.SignInWithCookieAsync("staff@merseyvale.test");
        var otherSchool = await _app.SignInWithCookieAsync("officer@brambledown.test");

        var dpoPage = await dpo.GetStringAsync(new Uri($"/incidents/{reported.Id}", UriKind.Relative));
        Assert.Contains($"href=\"/incidents/{reported.Id}/triage\"", dpoPage, StringComparison.Ordinal);
        var reporterPage = await reporter.GetStringAsync(new Uri($"/incidents/{reported.Id}", UriKind.Relative));
        Assert.Contains("govuk-task-list", reporterPage, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-task-list__link", reporterPage, StringComparison.Ordinal);

        foreach (var task in new[] { "triage", "severity", "decision", "ico-report", "people-affected", "close" })
        {
            Assert.Equal(HttpStatusCode.OK, (await dpo.GetAsync(new Uri($"/incidents/{reported.Id}/{task}", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync(new Uri($"/incidents/{reported.Id}/{task}", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await otherSchool.GetAsync(new Uri($"/incidents/{reported.Id}/{task}", UriKind.Relative))).StatusCode);
        }

        // Before triage the decision cannot start: its page says why and has no form.
        var decision = await dpo.GetStringAsync(new Uri($"/incidents/{reported.Id}/decision", UriKind.Relative));
        Assert.Contains("data-testid=\"cannot-start\"", decision, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Rationale", decision, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_saved_against_a_stale_version_is_a_409_saying_so_and_a_good_one_returns_to_the_task()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var reported = await staff.ReportAsync(Api.Breach());
        var api = await _app.SignInAsync("dpo@sil.test");
        var version = (await api.GetIncidentAsync(reported.Id)).Version;
        var browser = _app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInPageAsync("dpo@sil.test", IncidentsApp.DemoPassword)).StatusCode);
        var path = $"/incidents/{reported.Id}/triage";
        var fields = new Dictionary<string, string>
        {
            ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Classification"] = "PersonalDataBreach",
        };

        // Someone else triages first.
        (await api.PostAsJsonAsync($"/api/incidents/{reported.Id}/triage", new { version, classification = "NearMiss" })).EnsureSuccessStatusCode();
        var stale = await browser.PostFormAsync(path, fields);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else changed this first", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        fields["Input.Version"] = (version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var saved = await browser.PostFormAsync(path, fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/incidents/{reported.Id}#task-triage", saved.Headers.Location!.OriginalString);
        Assert.Equal(Domain.Incidents.TriageClassification.PersonalDataBreach, (await api.GetIncidentAsync(reported.Id)).Triage.Classification);
    }

    [Fact]
    public async Task A_breach_decided_without_telling_the_people_affected_opens_their_task_to_record_the_article_34_3_exception()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var reported = await staff.ReportAsync(Api.Breach());
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var version = (await dpo.GetIncidentAsync(reported.Id)).Version;
        var triaged = await (await dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/triage", new { version, classification = "PersonalDataBreach" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ChangeResult>(Api.Json);
        (await dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/decision", new
        {
            version = triaged!.Version, personalDataOfLivingPeople = true, riskLikely = true, highRisk = false, outcome = "ReportToIco",
            rationale = "Risky, but not a high risk to the pupils.",
        })).EnsureSuccessStatusCode();

        var browser = await _app.SignInWithCookieAsync("dpo@sil.test");
        var list = await browser.GetStringAsync(new Uri($"/incidents/{reported.Id}", UriKind.Relative));
        Assert.Contains($"href=\"/incidents/{reported.Id}/people-affected\"", list, StringComparison.Ordinal);
        var page = await browser.GetStringAsync(new Uri($"/incidents/{reported.Id}/people-affected", UriKind.Relative));
        Assert.Contains("data-testid=\"not-telling\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Notice.Method", page, StringComparison.Ordinal);

        var saved = await browser.PostFormAsync($"/incidents/{reported.Id}/people-affected?handler=Exception", new Dictionary<string, string>
        {
            ["Exempt.Version"] = (await dpo.GetIncidentAsync(reported.Id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Exempt.Exception"] = "DataUnintelligible",
            ["Exempt.Notes"] = "The laptop was encrypted with BitLocker.",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var notice = Assert.Single((await dpo.GetIncidentAsync(reported.Id)).DataSubjectNotices);
        Assert.Equal(Domain.Incidents.NoticeException.DataUnintelligible, notice.Exception);
    }

    [Fact]
    public async Task The_dashboard_lists_the_next_ico_deadline_and_an_overdue_action_each_as_a_link()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var reported = await staff.ReportAsync(Api.Breach(summary: "Register photographed and posted online"));
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var version = (await dpo.GetIncidentAsync(reported.Id)).Version;
        var triaged = await (await dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/triage", new { version, classification = "PersonalDataBreach" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ChangeResult>(Api.Json);
        var yesterday = DateOnly.FromDateTime(Domain.Common.LondonTime.ToLondon(DateTimeOffset.UtcNow).DateTime).AddDays(-1);
        (await dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/actions", new
        {
            version = triaged!.Version, kind = "Containment", description = "Ask the site to take the photo down", assignedTo = "Office manager", dueDate = yesterday,
        })).EnsureSuccessStatusCode();

        var browser = await _app.SignInWithCookieAsync("dpo@sil.test");
        var html = await browser.GetStringAsync(new Uri("/", UriKind.Relative));
        var deadlines = Section(html, "next-deadlines");
        Assert.Contains($"href=\"/incidents/{reported.Id}\">{reported.Reference}</a>", deadlines, StringComparison.Ordinal);
        Assert.Contains("Decision owed", deadlines, StringComparison.Ordinal);
        var actions = Section(html, "overdue-actions");
        Assert.Contains($"href=\"/incidents/{reported.Id}/actions\">{reported.Reference}</a>", actions, StringComparison.Ordinal);
        Assert.Contains("Ask the site to take the photo down", actions, StringComparison.Ordinal);
        Assert.Contains("No suspension ends", Section(html, "suspensions-ending"), StringComparison.Ordinal);
    }

    private static string Section(string html, string testId)
    {
        var at = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"{testId} is not on the page");
        var end = html.IndexOf("data-testid=", at + 20, StringComparison.Ordinal);
        return end < 0 ? html[at..] : html[at..end];
    }
}
