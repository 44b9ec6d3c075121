using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Incidents.Application.Features.Incidents;
using Incidents.Domain.Notifications;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;

namespace Incidents.IntegrationTests;

public sealed partial class ReportingTests : IAsyncLifetime
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
    public async Task Reporting_a_breach_emails_the_counterparty_officers_the_sil_dpo_the_own_officers_and_the_reporter()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");

        var result = await staff.ReportAsync(Api.Breach(summary: "Class list <script>alert(1)</script> sent to wrong parent"));

        Assert.Matches(ReferencePattern(), result.Reference);
        string[] everyone = ["dpo@sil.test", "officer@merseyvale.test", "officer@sil.test", "staff@merseyvale.test"];
        Assert.Equal(everyone, result.Notified.Select(n => n.Email).Order());

        var messages = await _smtp.WaitForAsync(4);
        Assert.Equal(everyone, messages.SelectMany(m => m.To.Mailboxes).Select(a => a.Address).Order());
        foreach (var message in messages)
        {
            Assert.Contains(result.Reference, message.Subject, StringComparison.Ordinal);
            Assert.Contains("Mersey Vale Primary School", message.Subject, StringComparison.Ordinal);
            Assert.DoesNotContain("script", message.Subject, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(result.Reference, message.TextBody, StringComparison.Ordinal);
            Assert.Contains(message.To.Mailboxes.Single().Address == "staff@merseyvale.test" ? "Information Commissioner" : "ICO deadline", message.TextBody, StringComparison.Ordinal);
            Assert.Contains($"https://incidents.example.org/incidents/{result.Id}", message.TextBody, StringComparison.Ordinal);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", message.HtmlBody, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        }

        var ids = messages.Select(m => m.MessageId).ToList();
        Assert.Equal(
            result.Notified.Select(n => $"{n.NotificationId:N}@incidents.localhost").Order(),
            ids.Order());

        var incident = await Wait.UntilAsync(() => staff.GetIncidentAsync(result.Id), i => i.Notifications.All(n => n.Status == NotificationStatus.Sent), what: "both notices sent");
        Assert.All(incident.Notifications, n => Assert.Equal(1, n.Attempts));
        Assert.Equal("Mersey Vale Primary School", incident.ReportingOrganisation.Name);
        Assert.Equal(incident.IcoClock.AwareAt.AddHours(72), incident.IcoClock.Deadline);
        Assert.Empty(incident.Alerts);
    }

    [Fact]
    public async Task When_sil_reports_a_breach_the_schools_officers_and_the_dpo_are_emailed()
    {
        var silStaff = await _app.SignInAsync("staff@sil.test");

        var result = await silStaff.ReportAsync(Api.Breach(counterparty: DemoData.MerseyValeId, kind: "SecurityBreach"));

        var messages = await _smtp.WaitForAsync(4);
        Assert.Equal(["dpo@sil.test", "officer@merseyvale.test", "officer@sil.test", "staff@sil.test"], messages.SelectMany(m => m.To.Mailboxes).Select(a => a.Address).Order());
        Assert.All(messages, m => Assert.Contains(result.Reference, m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_near_miss_goes_to_the_sil_dpo_and_nobody_outside_the_reporting_school()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");

        var result = await staff.ReportAsync(Api.Breach(kind: "NearMiss"));

        string[] told = ["dpo@sil.test", "officer@merseyvale.test", "staff@merseyvale.test"];
        Assert.Equal(told, result.Notified.Select(n => n.Email).Order());
        var messages = await _smtp.WaitForAsync(3);
        await Wait.UntilAsync(() => staff.GetIncidentAsync(result.Id), i => i.Notifications.All(n => n.Status == NotificationStatus.Sent));
        Assert.Equal(told, _smtp.Messages.SelectMany(m => m.To.Mailboxes).Select(a => a.Address).Order());
        Assert.Equal(3, messages.Count);
        Assert.Empty(_smtp.MessagesTo("officer@sil.test"));
    }

    [Theory]
    [InlineData("Complaint", "/api/complaints")]
    [InlineData("DataDiscrepancy", "/api/discrepancies")]
    public async Task A_complaint_or_a_data_discrepancy_is_refused_as_an_incident_with_a_field_error_naming_its_own_endpoint(string kind, string endpoint)
    {
        var staff = await _app.SignInAsync("staff@brambledown.test");

        var response = await staff.PostAsJsonAsync("/api/incidents", Api.Breach(kind: kind));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = problem.RootElement.GetProperty("errors").GetProperty("kind")[0].GetString();
        Assert.Contains(endpoint, message, StringComparison.Ordinal);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task The_report_form_offers_no_complaint_or_discrepancy_kind_and_links_to_their_own_forms()
    {
        var browser = await _app.SignInWithCookieAsync("staff@brambledown.test");

        var html = await browser.GetStringAsync(new Uri("/incidents/report", UriKind.Relative));

        Assert.DoesNotContain("value=\"Complaint\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"DataDiscrepancy\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"NearMiss\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/complaints/log\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/discrepancies/raise\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task References_are_unique_and_without_gaps_under_concurrent_reports()
    {
        var clients = new[]
        {
            await _app.SignInAsync("staff@merseyvale.test"),
            await _app.SignInAsync("staff@brambledown.test"),
            await _app.SignInAsync("staff@kestrelheights.test"),
        };

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => clients[i % clients.Length].ReportAsync(Api.Breach())));

        var numbers = results.Select(r => int.Parse(r.Reference[^5..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 30), numbers);
        Assert.All(results, r => Assert.Matches(ReferencePattern(), r.Reference));
        await _smtp.WaitForAsync(120);
    }

    [Fact]
    public async Task Each_organisation_sees_only_its_own_incidents()
    {
        var merseyVale = await _app.SignInAsync("staff@merseyvale.test");
        var brambledown = await _app.SignInAsync("staff@brambledown.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var silOfficer = await _app.SignInAsync("officer@sil.test");
        var mine = await merseyVale.ReportAsync(Api.Breach());
        var theirs = await brambledown.ReportAsync(Api.Breach());

        Assert.Equal(HttpStatusCode.NotFound, (await brambledown.GetAsync($"/api/incidents/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await merseyVale.GetAsync($"/api/incidents/{theirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await merseyVale.GetAsync($"/api/incidents/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dpo.GetAsync($"/api/incidents/{mine.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await silOfficer.GetAsync($"/api/incidents/{theirs.Id}")).StatusCode);

        var list = await merseyVale.GetFromJsonAsync<PagedList<IncidentSummary>>("/api/incidents", Api.Json);
        Assert.Equal([mine.Id], list!.Items.Select(i => i.Id));
        var all = await dpo.GetFromJsonAsync<PagedList<IncidentSummary>>("/api/incidents?pageSize=100", Api.Json);
        Assert.Equal(2, all!.TotalCount);
        Assert.Equal(theirs.Id, all.Items[0].Id);
    }

    [GeneratedRegex(@"^INC-\d{4}-\d{5}$")]
    private static partial Regex ReferencePattern();
}
