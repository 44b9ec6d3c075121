using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.ReportingLinks;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Notifications;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;

namespace Incidents.IntegrationTests;

/// <summary>Reporting without an account (issue 13): an organisation's reporting link opens the report form signed
/// out; the report is accepted at once, marked "reported via link", the same people are told and the reporter gets a
/// receipt at the address they gave (and nobody else is chosen by the request); rate limited; rotated or disabled → 404.</summary>
public sealed partial class ReportingLinkTests : IAsyncLifetime
{
    private const string Admin = "admin@sil.test";
    private readonly TestSmtpServer _smtp = new();
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = NewApp();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private IncidentsApp NewApp(IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Bootstrap:AdminEmail"] = Admin,
            ["Bootstrap:AdminPassword"] = IncidentsApp.DemoPassword,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new IncidentsApp(_smtp, settings: all);
    }

    private static async Task<ReportingLinkView> RotateAsync(HttpClient admin, Guid organisationId)
    {
        var response = await admin.PostAsync(new Uri($"/api/organisations/{organisationId}/reporting-link/rotate", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReportingLinkView>(Api.Json))!;
    }

    private static string PathOf(ReportingLinkView link) => new Uri(link.Url!).AbsolutePath;

    /// <summary>Discovered an hour ago in London time, so that no ICO reminder (due 24 hours after awareness) is owed yet
    /// and the DPO gets exactly the one notice.</summary>
    private static readonly DateTime Discovered = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddHours(-1), TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime;

    private static Dictionary<string, string> Form(string email, string name = "Robin Supply", string role = "Supply teacher") => new()
    {
        ["Input.ReporterName"] = name,
        ["Input.ReporterRole"] = role,
        ["Input.ReporterEmail"] = email,
        ["Input.Kind"] = "ConfidentialityBreach",
        ["Input.Counterparty"] = DemoData.SilId.ToString(),
        ["Input.DiscoveredDay"] = Discovered.Day.ToString(CultureInfo.InvariantCulture),
        ["Input.DiscoveredMonth"] = Discovered.Month.ToString(CultureInfo.InvariantCulture),
        ["Input.DiscoveredYear"] = Discovered.Year.ToString(CultureInfo.InvariantCulture),
        ["Input.DiscoveredTime"] = Discovered.ToString("HH:mm", CultureInfo.InvariantCulture),
        ["Input.Summary"] = "Seating plan with pupil names left on the bus",
        ["Input.Description"] = "A printed seating plan was left on a school bus.",
        ["Input.DataCategories"] = "Names",
    };

    [Fact]
    public async Task The_link_works_signed_out_tells_the_four_once_each_and_the_receipt_goes_to_the_address_given()
    {
        var admin = await _app.SignInAsync(Admin);
        var link = await RotateAsync(admin, DemoData.MerseyValeId);
        Assert.True(link.Enabled);
        Assert.StartsWith("https://incidents.example.org/report/", link.Url, StringComparison.Ordinal);
        var again = await admin.GetFromJsonAsync<ReportingLinkView>($"/api/organisations/{DemoData.MerseyValeId}/reporting-link", Api.Json);
        Assert.Equal(link.Url, again!.Url);

        var browser = _app.Browser();
        var form = await browser.GetAsync(new Uri(PathOf(link), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("Report an incident for Mersey Vale Primary School", html, StringComparison.Ordinal);
        Assert.Contains("Your email address", html, StringComparison.Ordinal);

        var posted = await browser.PostFormAsync(PathOf(link), Form("robin.supply@example.org"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var confirmation = await browser.GetAsync(posted.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, confirmation.StatusCode);
        var reference = Reference().Match(await confirmation.Content.ReadAsStringAsync()).Value;
        Assert.NotEmpty(reference);

        string[] everyone = ["dpo@sil.test", "officer@merseyvale.test", "officer@sil.test", "robin.supply@example.org"];
        var messages = await _smtp.WaitForAsync(4);
        Assert.Equal(everyone, messages.SelectMany(m => m.To.Mailboxes).Select(a => a.Address).Order());

        var dpo = await _app.SignInAsync("dpo@sil.test");
        var list = await dpo.GetFromJsonAsync<PagedList<IncidentSummary>>("/api/incidents", Api.Json);
        var id = list!.Items.Single(i => i.Reference == reference).Id;
        var incident = await Wait.UntilAsync(() => dpo.GetIncidentAsync(id), i => i.Notifications.All(n => n.Status == NotificationStatus.Sent), what: "the four notices sent");
        Assert.Equal(everyone, incident.Notifications.Select(n => n.RecipientEmail).Order());
        Assert.All(incident.Notifications, n => Assert.Equal(1, n.Attempts));
        Assert.Equal(new ReportedViaLinkView("Robin Supply", "Supply teacher", "robin.supply@example.org"), incident.ReportedViaLink);
        Assert.Equal("Robin Supply", incident.ReportedBy);
        Assert.Equal(DemoData.MerseyValeId, incident.ReportingOrganisation.Id);
        Assert.Equal(RecipientReason.OwnOfficer, incident.Notifications.Single(n => n.RecipientEmail == "officer@merseyvale.test").Reason);

        var receipt = messages.Single(m => m.To.Mailboxes.Single().Address == "robin.supply@example.org");
        Assert.Contains("Your report has been received", receipt.Subject, StringComparison.Ordinal);
        Assert.Contains("without an account", receipt.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/incidents/", receipt.TextBody, StringComparison.Ordinal);
        var officerNotice = messages.Single(m => m.To.Mailboxes.Single().Address == "officer@sil.test");
        Assert.Contains("reported via link", officerNotice.TextBody, StringComparison.Ordinal);

        var audit = await dpo.GetFromJsonAsync<List<AuditEntryView>>($"/api/incidents/{id}/audit", Api.Json);
        var reported = audit!.Single(e => e.Action == "Reported");
        Assert.Contains("reported via link", reported.ActorName, StringComparison.Ordinal);
        Assert.StartsWith("reporting-link:", reported.ActorId, StringComparison.Ordinal);
        Assert.Contains("Reporting link", reported.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_chooses_no_recipient_but_the_reporters_own_receipt()
    {
        var admin = await _app.SignInAsync(Admin);
        var path = PathOf(await RotateAsync(admin, DemoData.MerseyValeId));

        // A list of addresses, or a header injection, is refused against the field; nothing is reported.
        foreach (var bad in new[] { "a@example.org, officer@kestrelheights.test", "a@example.org\r\nBcc: officer@kestrelheights.test", "Someone <a@example.org>" })
        {
            var refused = await _app.Browser().PostFormAsync(path, Form(bad));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var page = await refused.Content.ReadAsStringAsync();
            Assert.Contains("Enter an email address in the correct format", page, StringComparison.Ordinal);
            Assert.Contains("href=\"#Input_ReporterEmail\"", page, StringComparison.Ordinal);
        }

        // A post without the form's antiforgery token is refused and reports nothing.
        var forged = await _app.Browser().PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(Form("forged@example.org")));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // The address given is a DPO's: it adds nobody (the DPO gets their own notice once, no receipt).
        var posted = await _app.Browser().PostFormAsync(path, Form("dpo@sil.test"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var messages = await _smtp.WaitForAsync(3);
        Assert.Equal(["dpo@sil.test", "officer@merseyvale.test", "officer@sil.test"], messages.SelectMany(m => m.To.Mailboxes).Select(a => a.Address).Order());
        Assert.Empty(_smtp.MessagesTo("forged@example.org"));

        // The API takes no reporting link from a body: a signed-in report with one is the user's own, and the address in it is ignored.
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var response = await staff.PostAsJsonAsync("/api/incidents", new
        {
            kind = "NearMiss",
            counterpartyOrganisationId = DemoData.SilId,
            discoveredAt = DateTimeOffset.UtcNow.AddHours(-1),
            summary = "Near miss",
            description = "Nearly sent to the wrong parent.",
            viaLink = new { token = path.Split('/').Last(), name = "Mallory", role = "Nobody", email = "mallory@example.org" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var result = (await response.Content.ReadFromJsonAsync<ReportIncidentResult>(Api.Json))!;
        Assert.DoesNotContain(result.Notified, n => n.Email == "mallory@example.org");
        Assert.Contains(result.Notified, n => n.Email == "staff@merseyvale.test");
        Assert.Null((await staff.GetIncidentAsync(result.Id)).ReportedViaLink);
    }

    [Fact]
    public async Task A_rotated_link_answers_404_and_so_does_a_disabled_one_until_it_is_turned_on()
    {
        var admin = await _app.SignInAsync(Admin);
        var old = await RotateAsync(admin, DemoData.MerseyValeId);
        var browser = _app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(PathOf(old), UriKind.Relative))).StatusCode);

        var rotated = await RotateAsync(admin, DemoData.MerseyValeId);
        Assert.NotEqual(old.Url, rotated.Url);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri(PathOf(old), UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(PathOf(rotated), UriKind.Relative))).StatusCode);

        var off = await admin.PutAsJsonAsync($"/api/organisations/{DemoData.MerseyValeId}/reporting-link", new { enabled = false });
        Assert.Equal(HttpStatusCode.OK, off.StatusCode);
        Assert.False((await off.Content.ReadFromJsonAsync<ReportingLinkView>(Api.Json))!.Enabled);
        var notFound = await browser.GetAsync(new Uri(PathOf(rotated), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("Page not found", await notFound.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var view = await admin.GetFromJsonAsync<ReportingLinkView>($"/api/organisations/{DemoData.MerseyValeId}/reporting-link", Api.Json);
        Assert.Equal((rotated.Url, false), (view!.Url, view.Enabled));

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync($"/api/organisations/{DemoData.MerseyValeId}/reporting-link", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/organisations/{DemoData.MerseyValeId}/reporting-link", new { enabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri(PathOf(rotated), UriKind.Relative))).StatusCode);

        // Made up, malformed or far too long tokens are all simply not found.
        foreach (var guess in new[] { "/report/not-a-real-token", "/report/%3Cscript%3E", "/report/" + new string('a', 5000) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(new Uri(guess, UriKind.Relative))).StatusCode);
        }

        // Only an administrator manages links; the signed-in form still sends a signed-out visitor to sign in.
        var dpo = await _app.SignInAsync("dpo@sil.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await dpo.GetAsync(new Uri($"/api/organisations/{DemoData.MerseyValeId}/reporting-link", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"/api/organisations/{Guid.NewGuid()}/reporting-link", UriKind.Relative))).StatusCode);
        var signedOut = await _app.Browser().GetAsync(new Uri("/incidents/report", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.StartsWith("/account/sign-in", signedOut.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_link_is_rate_limited_per_client_address_and_per_link()
    {
        await _app.DisposeAsync();
        _app = NewApp(new Dictionary<string, string?>
        {
            ["RateLimits:ReportingLinkPerAddressPerMinute"] = "3",
            ["RateLimits:ReportingLinkPerLinkPerMinute"] = "5",
        });
        var admin = await _app.SignInAsync(Admin);
        var path = PathOf(await RotateAsync(admin, DemoData.MerseyValeId));

        var first = _app.Browser("203.0.113.10");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }

        var limited = await first.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null || limited.Headers.Contains("Retry-After"));

        // Each link has its own allowance whoever asks (5 a minute): Brambledown's, from six different addresses.
        var other = PathOf(await RotateAsync(admin, DemoData.BrambledownId));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await _app.Browser($"198.51.100.{i + 1}").GetAsync(new Uri(other, UriKind.Relative))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await _app.Browser("198.51.100.99").GetAsync(new Uri(other, UriKind.Relative))).StatusCode);

        // Signed-in reporting is not held up by the link's limits.
        var staff = await _app.SignInWithCookieAsync("staff@merseyvale.test");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(new Uri("/incidents/report", UriKind.Relative))).StatusCode);
    }

    [GeneratedRegex("INC-\\d{4}-\\d{5}")]
    private static partial Regex Reference();
}
