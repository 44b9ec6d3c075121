using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incidents.Application.Features.Complaints;
using Incidents.Domain.Complaints;
using Incidents.Domain.Notifications;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace Incidents.IntegrationTests.Complaints;

/// <summary>What follows a complaint on the real app: its investigation's actions (the incident actions' rules, overdue
/// on the dashboard), the dashboard's list of complaints to acknowledge, and the delivery failure naming the reference.</summary>
public sealed class ComplaintFollowUpTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("incidents-complaint-follow-up-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        IncidentsApp.TryDelete(_directory);
    }

    private static object Complaint(string receivedAt, string about = "Photo shared without consent") => new
    {
        organisationId = DemoData.MerseyValeId,
        receivedAt,
        channel = "Letter",
        complainantName = "Sam Grandparent",
        complainantEmail = "sam@example.org",
        relationship = "Grandparent",
        about,
        details = "A photo of my grandchild was on the newsletter sent to SIL.",
        desiredOutcome = "Take it down.",
    };

    private static async Task<(Guid Id, string Reference)> LogAsync(HttpClient client, string receivedAt, string about = "Photo shared without consent")
    {
        var response = await client.PostAsJsonAsync("/api/complaints", Complaint(receivedAt, about));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var created = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (created.RootElement.GetProperty("id").GetGuid(), created.RootElement.GetProperty("reference").GetString()!);
    }

    private static DateOnly Today() => DateOnly.FromDateTime(Domain.Common.LondonTime.ToLondon(DateTimeOffset.UtcNow).DateTime);

    /// <summary>The part of the page from the element with <paramref name="testId"/> to <paramref name="until"/>.</summary>
    private static string Section(string html, string testId, string until)
    {
        var at = html.IndexOf($"data-testid=\"{testId}\"", StringComparison.Ordinal);
        Assert.True(at >= 0, $"{testId} is not on the page");
        var end = html.IndexOf(until, at, StringComparison.Ordinal);
        Assert.True(end > at, $"{until} does not follow {testId}");
        return html[at..end];
    }

    [Fact]
    public async Task A_complaint_holds_actions_with_the_incident_action_rules_and_an_overdue_one_is_on_the_dashboard_until_done()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var officer = await app.SignInAsync("officer@merseyvale.test");
        var (id, reference) = await LogAsync(staff, "2026-03-20T10:00");

        // The same input rules as an incident's action; a school's staff may not add one (the officer may).
        var bad = await officer.PostAsJsonAsync($"/api/complaints/{id}/actions", new { description = "", assignedTo = "Head\nteacher", dueDate = "1900-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using (var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()))
        {
            var errors = problem.RootElement.GetProperty("errors");
            Assert.Equal("Describe the action.", errors.GetProperty("description")[0].GetString());
            Assert.Equal("Who will do it must be one line.", errors.GetProperty("assignedTo")[0].GetString());
            Assert.Equal("Enter a real due date.", errors.GetProperty("dueDate")[0].GetString());
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync($"/api/complaints/{id}/actions", new { description = "x", assignedTo = "y" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync("officer@brambledown.test")).PostAsJsonAsync($"/api/complaints/{id}/actions", new { description = "x", assignedTo = "y" })).StatusCode);

        var yesterday = Today().AddDays(-1);
        var added = await officer.PostAsJsonAsync($"/api/complaints/{id}/actions", new { version = 0, description = "Take the photo off the newsletter archive", assignedTo = "Office manager", dueDate = yesterday });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal($"/api/complaints/{id}", added.Headers.Location?.OriginalString);
        var action = (await added.Content.ReadFromJsonAsync<ComplaintActionResult>(Api.Json))!;
        Assert.Equal(id, action.ComplaintId);
        Assert.Equal(1, action.Version);
        var later = await officer.PostAsJsonAsync($"/api/complaints/{id}/actions", new { description = "Remind staff of the photo consent list", assignedTo = "Head", dueDate = Today().AddDays(7) });
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);

        // A stale version is a conflict, as on an incident.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/complaints/{id}/actions", new { version = 0, description = "x", assignedTo = "y" })).StatusCode);

        var details = (await officer.GetFromJsonAsync<ComplaintDetails>($"/api/complaints/{id}", Api.Json))!;
        Assert.Equal(["Take the photo off the newsletter archive", "Remind staff of the photo consent list"], details.ActionItems.Select(a => a.Description));
        Assert.True(details.ActionItems[0].Overdue);
        Assert.False(details.ActionItems[1].Overdue);
        Assert.True(details.Actions.AddAction);

        // The DPO's dashboard lists the overdue complaint action beside the incidents' ones, linked to the complaint.
        var dpo = await app.SignInWithCookieAsync("dpo@sil.test");
        var overdue = Section(await dpo.GetStringAsync(new Uri("/", UriKind.Relative)), "overdue-actions", "suspensions-ending");
        Assert.Contains($"href=\"/complaints/{id}#actions-heading\">{reference}</a>", overdue, StringComparison.Ordinal);
        Assert.Contains("Take the photo off the newsletter archive", overdue, StringComparison.Ordinal);
        Assert.DoesNotContain("Remind staff of the photo consent list", overdue, StringComparison.Ordinal);

        // The complaint page shows it overdue, with a form to mark it done.
        var page = await dpo.GetStringAsync(new Uri($"/complaints/{id}", UriKind.Relative));
        Assert.Contains("govuk-tag govuk-tag--red\">Overdue</strong>", page, StringComparison.Ordinal);
        Assert.Contains("Mark as done", page, StringComparison.Ordinal);

        // Done: off the dashboard; done twice is refused.
        var done = await officer.PostAsJsonAsync($"/api/complaints/{id}/actions/{action.Id}/complete", new { note = "Removed on the archive page." });
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/complaints/{id}/actions/{action.Id}/complete", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsJsonAsync($"/api/complaints/{id}/actions/{Guid.NewGuid()}/complete", new { })).StatusCode);
        details = (await officer.GetFromJsonAsync<ComplaintDetails>($"/api/complaints/{id}", Api.Json))!;
        var completed = details.ActionItems[0];
        Assert.False(completed.Open);
        Assert.False(completed.Overdue);
        Assert.Equal("Harriet Quayle", completed.CompletedBy);
        Assert.Equal("Removed on the archive page.", completed.CompletionNote);
        Assert.DoesNotContain(reference, Section(await dpo.GetStringAsync(new Uri("/", UriKind.Relative)), "overdue-actions", "suspensions-ending"), StringComparison.Ordinal);
        Assert.Contains("ComplaintActionCompleted", details.Audit.Select(a => a.Action));
    }

    [Fact]
    public async Task Actions_are_added_and_marked_done_on_the_complaint_page_with_field_errors()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var (id, _) = await LogAsync(await app.SignInAsync("staff@merseyvale.test"), "2026-03-20T10:00");
        var browser = await app.SignInWithCookieAsync("officer@merseyvale.test");
        var path = $"/complaints/{id}?handler=action";

        var invalid = await browser.PostFormAsync(path, new Dictionary<string, string> { ["Input.Version"] = "0", ["Input.AssignedTo"] = "Head", ["Input.DueDay"] = "31", ["Input.DueMonth"] = "2", ["Input.DueYear"] = "2026" });
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("The due date must be a real date", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_DueDay\"", html, StringComparison.Ordinal);

        var missing = await (await browser.PostFormAsync(path, new Dictionary<string, string> { ["Input.Version"] = "0", ["Input.AssignedTo"] = "Head" })).Content.ReadAsStringAsync();
        Assert.Contains("href=\"#Input_Description\"", missing, StringComparison.Ordinal);

        var added = await browser.PostFormAsync(path, new Dictionary<string, string>
        {
            ["Input.Version"] = "0", ["Input.Description"] = "Write to the <b>newsletter</b> editor", ["Input.AssignedTo"] = "Head",
            ["Input.DueDay"] = "1", ["Input.DueMonth"] = "3", ["Input.DueYear"] = "2026",
        });
        html = await added.Content.ReadAsStringAsync();
        Assert.Contains("The action has been added.", html, StringComparison.Ordinal);
        Assert.Contains("Write to the &lt;b&gt;newsletter&lt;/b&gt; editor", html, StringComparison.Ordinal);
        var actionId = await app.WithDbAsync(db => db.Set<ComplaintAction>().Select(a => a.Id).SingleAsync());

        var done = await browser.PostFormAsync($"/complaints/{id}?handler=completeAction", new Dictionary<string, string> { ["Input.Version"] = "1", ["Input.ActionId"] = actionId.ToString() });
        Assert.Contains("The action has been marked as done.", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(await app.WithDbAsync(db => db.Set<ComplaintAction>().Select(a => a.CompletedAt).SingleAsync()));
    }

    [Fact]
    public async Task The_dashboard_lists_each_complaint_to_acknowledge_with_its_organisation_deadline_and_overdue_tag()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var (late, lateReference) = await LogAsync(staff, "2026-03-20T10:00", "Late one");
        var recent = DateTimeOffset.UtcNow.AddDays(-1);
        var (soon, soonReference) = await LogAsync(staff, recent.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture), "Recent one");

        var dpo = await app.SignInWithCookieAsync("dpo@sil.test");
        var items = Section(await dpo.GetStringAsync(new Uri("/", UriKind.Relative)), "complaints-to-acknowledge", "See all complaints");

        Assert.Contains($"href=\"/complaints/{late}\">{lateReference}</a>: Mersey Vale Primary School", items, StringComparison.Ordinal);
        Assert.Contains($"href=\"/complaints/{soon}\">{soonReference}</a>: Mersey Vale Primary School", items, StringComparison.Ordinal);
        // The overdue one first, tagged; the other to acknowledge by its deadline.
        Assert.True(items.IndexOf(lateReference, StringComparison.Ordinal) < items.IndexOf(soonReference, StringComparison.Ordinal));
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(items, "govuk-tag--red\">Overdue<"));
        Assert.Contains("To acknowledge", items, StringComparison.Ordinal);
        var complaint = await app.WithDbAsync(db => db.Set<Complaint>().SingleAsync(c => c.Id == soon));
        Assert.Contains($"by {System.Net.WebUtility.HtmlEncode(Domain.Common.LondonTime.Format(complaint.AcknowledgeBy))}", items, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_complaint_notice_that_cannot_be_delivered_is_reported_to_the_dpo_by_its_cmp_reference()
    {
        _smtp.Reject("officer@merseyvale.test");
        await using var app = new IncidentsApp(_smtp, _directory);
        var (_, reference) = await LogAsync(await app.SignInAsync("staff@merseyvale.test"), "2026-11-30T10:00");

        var failure = (await _smtp.WaitForAsync(1, m => m.Subject?.Contains("could not be delivered", StringComparison.Ordinal) == true)).First();

        Assert.Equal("dpo@sil.test", failure.To.Mailboxes.Single().Address);
        Assert.Contains(reference, failure.Subject, StringComparison.Ordinal);
        Assert.Contains($"about {reference}", failure.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("a notice could not", failure.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(NotificationStatus.Failed, await app.WithDbAsync(db => db.Notifications.Where(n => n.RecipientEmail == "officer@merseyvale.test").Select(n => n.Status).SingleAsync()));
    }
}
