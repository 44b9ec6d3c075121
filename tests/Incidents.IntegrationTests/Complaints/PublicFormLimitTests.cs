using System.Net;
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
    }
}
