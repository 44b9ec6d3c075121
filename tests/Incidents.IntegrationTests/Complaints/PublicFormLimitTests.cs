using System.Net;
using System.Net.Http.Json;
using Incidents.Application.Features.ReportingLinks;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;

namespace Incidents.IntegrationTests.Complaints;

/// <summary>The public forms (<c>/complain/{urn}</c>, <c>/report/{token}</c>) answer a rate-limited request with the
/// GOV.UK "Too many requests" page, not a bare status.</summary>
public sealed class PublicFormLimitTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("incidents-limits-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        IncidentsApp.TryDelete(_directory);
    }

    private static Dictionary<string, string> PublicForm() => new()
    {
        ["Input.ComplainantName"] = "Jo Parent",
        ["Input.ComplainantEmail"] = "jo.parent@example.org",
        ["Input.Relationship"] = "Parent",
        ["Input.About"] = "Reading records",
        ["Input.Details"] = "Sent to another parent.",
        ["Input.DesiredOutcome"] = "An apology.",
    };

    [Fact]
    public async Task The_public_complaint_form_answers_429_with_the_styled_page()
    {
        await using var app = new IncidentsApp(_smtp, _directory, settings: new Dictionary<string, string?> { ["RateLimits:PublicComplaintsPerHour"] = "1" });
        var browser = app.Browser(peer: "203.0.113.21");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/complain/990002", PublicForm())).StatusCode);
        var limited = await browser.PostFormAsync("/complain/990002", PublicForm());
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var html = await limited.Content.ReadAsStringAsync();
        Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
        Assert.Contains("govuk-template", html, StringComparison.Ordinal);
        Assert.Contains("Too many requests", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/css/", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reporting_link_answers_429_with_the_styled_page()
    {
        await using var app = new IncidentsApp(_smtp, _directory, settings: new Dictionary<string, string?>
        {
            ["RateLimits:ReportingLinkPerAddressPerMinute"] = "1",
            ["Bootstrap:AdminEmail"] = "admin@sil.test",
            ["Bootstrap:AdminPassword"] = IncidentsApp.DemoPassword,
        });
        var admin = await app.SignInAsync("admin@sil.test");
        var rotated = await admin.PostAsync(new Uri($"/api/organisations/{DemoData.MerseyValeId}/reporting-link/rotate", UriKind.Relative), null);
        var link = (await rotated.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<ReportingLinkView>(Api.Json))!;
        var path = new Uri(link.Url!).AbsolutePath;
        var browser = app.Browser(peer: "203.0.113.22");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);

        foreach (var limited in new[]
                 {
                     await browser.GetAsync(new Uri(path, UriKind.Relative)),
                     await browser.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Summary"] = "x" })),
                 })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal("text/html", limited.Content.Headers.ContentType?.MediaType);
            var html = await limited.Content.ReadAsStringAsync();
            Assert.Contains("govuk-template", html, StringComparison.Ordinal);
            Assert.Contains("Too many requests", html, StringComparison.Ordinal);
        }
    }
}
