using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Incidents.Application.Common.Security;
using Incidents.Domain.Access;
using Incidents.Domain.Notifications;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Incidents.IntegrationTests;

/// <summary>The link in a notice works for its recipient (issue 13): someone without an account asks for one on the
/// request-access page; SIL's administrators are emailed once; an admin approves (the account is made with the role
/// the contacts give and its owner is invited to set a password) or declines. The page never tells whether an email
/// address is known, and sending it is rate limited per client address.</summary>
public sealed partial class AccessRequestTests : IAsyncLifetime
{
    private const string Admin = "admin@sil.test";
    private const string Deputy = "deputy@merseyvale.test";
    private readonly TestSmtpServer _smtp = new();
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = App(null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private IncidentsApp App(string? perHour) => new(_smtp, settings: new Dictionary<string, string?>
    {
        ["Bootstrap:AdminEmail"] = Admin,
        ["Bootstrap:AdminPassword"] = IncidentsApp.DemoPassword,
        ["RateLimits:AccessRequestsPerHour"] = perHour ?? "1000",
    });

    private static Dictionary<string, string> Form(string name, string email, Guid organisation, string returnUrl = "") => new()
    {
        ["Input.Name"] = name,
        ["Input.Email"] = email,
        ["Input.OrganisationId"] = organisation.ToString(),
        ["Input.Reason"] = "I am the deputy designated officer and was sent a breach notice.",
        ["ReturnUrl"] = returnUrl,
    };

    [Fact]
    public async Task A_designated_officer_without_an_account_follows_the_notice_link_requests_access_and_once_approved_sets_a_password_and_signs_in()
    {
        var admin = await _app.SignInAsync(Admin);
        (await admin.PostAsJsonAsync($"/api/organisations/{DemoData.MerseyValeId}/contacts", new { name = "Dee Puty", email = Deputy, role = "DesignatedOfficer" })).EnsureSuccessStatusCode();
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var reported = await staff.ReportAsync(Api.Breach());

        // The notice to the new officer offers a way in; so does the sign-in page the incident link leads to.
        var notice = (await _smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == Deputy)))[0];
        var requestLink = RequestAccessLink().Match(notice.TextBody ?? string.Empty);
        Assert.True(requestLink.Success, notice.TextBody);
        var browser = _app.Browser();
        var incidentPage = await browser.GetAsync($"/incidents/{reported.Id}");
        Assert.Equal(HttpStatusCode.Redirect, incidentPage.StatusCode);
        var signIn = await (await browser.GetAsync(incidentPage.Headers.Location)).Content.ReadAsStringAsync();
        Assert.Contains($"/account/request-access?returnUrl=%2Fincidents%2F{reported.Id}", signIn, StringComparison.Ordinal);

        var sent = await browser.PostFormAsync(new Uri(requestLink.Value).PathAndQuery, Form("Dee Puty", Deputy, DemoData.MerseyValeId, $"/incidents/{reported.Id}"));
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/account/request-access/sent", sent.Headers.Location!.OriginalString);

        var adminEmail = (await _smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == Admin)))[0];
        Assert.Contains("/access-requests", adminEmail.TextBody, StringComparison.Ordinal);
        var request = await _app.WithDbAsync(db => db.Set<AccessRequest>().SingleAsync());
        Assert.Equal(reported.Id, request.IncidentId);

        var adminPages = await _app.SignInWithCookieAsync(Admin);
        var list = await (await adminPages.GetAsync("/access-requests")).Content.ReadAsStringAsync();
        Assert.Contains("Dee Puty", list, StringComparison.Ordinal);
        Assert.Contains("designated officer", list, StringComparison.Ordinal);
        var approved = await adminPages.PostFormAsync($"/access-requests?handler=Approve&requestId={request.Id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        // The account exists with the contact's role, and its owner is invited to set a password.
        var roles = await WithUsersAsync(async users => await users.GetRolesAsync((await users.FindByEmailAsync(Deputy))!));
        Assert.Equal([Roles.DesignatedOfficer], roles);
        var invite = (await _smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == Deputy) && (m.Subject ?? string.Empty).Contains("set your password", StringComparison.Ordinal)))[0];
        var setLink = new Uri(SetPasswordLink().Match(invite.TextBody ?? string.Empty).Value);
        var invited = _app.Browser();
        var set = await invited.PostFormAsync(setLink.PathAndQuery, new Dictionary<string, string>
        {
            ["user"] = Uri.UnescapeDataString(Regex.Match(setLink.Query, "user=([^&]+)").Groups[1].Value),
            ["Token"] = Uri.UnescapeDataString(Regex.Match(setLink.Query, "token=([^&]+)").Groups[1].Value),
            ["Password"] = "deputy-chosen-password-2026",
        });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var login = await _app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = Deputy, password = "deputy-chosen-password-2026" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        // The link works once.
        var again = await invited.PostFormAsync(setLink.PathAndQuery, new Dictionary<string, string>
        {
            ["user"] = Uri.UnescapeDataString(Regex.Match(setLink.Query, "user=([^&]+)").Groups[1].Value),
            ["Token"] = Uri.UnescapeDataString(Regex.Match(setLink.Query, "token=([^&]+)").Groups[1].Value),
            ["Password"] = "another-password-entirely",
        });
        Assert.Contains("This link has expired or has already been used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The administrators were emailed once for the one request; the decision is audited.
        Assert.Single(_smtp.MessagesTo(Admin));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Type == NotificationType.AccessRequested)));
        var actions = await _app.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync());
        Assert.Contains("AccessRequested", actions);
        Assert.Contains("AccessRequestApproved", actions);
    }

    [Fact]
    public async Task Someone_who_is_not_a_contact_is_approved_as_a_member_of_staff_and_a_declined_request_makes_no_account()
    {
        var browser = _app.Browser();
        await browser.PostFormAsync("/account/request-access", Form("Gail Governor", "gail@example.org", DemoData.MerseyValeId));
        await browser.PostFormAsync("/account/request-access", Form("Nick Nobody", "nick@example.org", DemoData.MerseyValeId));
        var requests = await _app.WithDbAsync(db => db.Set<AccessRequest>().ToListAsync());
        var adminPages = await _app.SignInWithCookieAsync(Admin);

        await adminPages.PostFormAsync($"/access-requests?handler=Approve&requestId={requests.Single(r => r.Email == "gail@example.org").Id}", new Dictionary<string, string>());
        await adminPages.PostFormAsync($"/access-requests?handler=Decline&requestId={requests.Single(r => r.Email == "nick@example.org").Id}", new Dictionary<string, string>());

        Assert.Equal([Roles.Reporter], await WithUsersAsync(async users => await users.GetRolesAsync((await users.FindByEmailAsync("gail@example.org"))!)));
        Assert.Null(await WithUsersAsync(users => users.FindByEmailAsync("nick@example.org")));
        var nick = await _app.WithDbAsync(db => db.Set<AccessRequest>().SingleAsync(r => r.Email == "nick@example.org"));
        Assert.Equal(AccessRequestStatus.Declined, nick.Status);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Type == NotificationType.AccountInvite && n.RecipientEmail == "nick@example.org")));
        Assert.Contains("AccessRequestDeclined", await _app.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync()));

        // A decided request cannot be decided again.
        var twice = await adminPages.PostFormAsync($"/access-requests?handler=Approve&requestId={nick.Id}", new Dictionary<string, string>());
        Assert.Contains("already been decided", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_without_an_organisation_or_with_an_unknown_one_is_refused_with_the_field_error_and_nothing_is_stored()
    {
        var none = await _app.Browser().PostFormAsync("/account/request-access", new Dictionary<string, string>(Form("Gail Governor", "gail@example.org", DemoData.MerseyValeId)) { ["Input.OrganisationId"] = string.Empty });
        var unknown = await _app.Browser().PostFormAsync("/account/request-access", Form("Gail Governor", "gail@example.org", Guid.NewGuid()));

        foreach (var response in new[] { none, unknown })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("<a href=\"#Input_OrganisationId\">Choose your organisation.</a>", page, StringComparison.Ordinal);
            Assert.Contains("gail@example.org", page, StringComparison.Ordinal);
        }

        Assert.Equal(0, await _app.WithDbAsync(db => db.Set<AccessRequest>().CountAsync()));
    }

    [Fact]
    public async Task The_answer_does_not_tell_whether_the_email_address_has_an_account()
    {
        var known = await _app.Browser().PostFormAsync("/account/request-access", Form("Sam Staff", "staff@merseyvale.test", DemoData.MerseyValeId));
        var unknown = await _app.Browser().PostFormAsync("/account/request-access", Form("Una Known", "una@example.org", DemoData.MerseyValeId));

        Assert.Equal(HttpStatusCode.Redirect, known.StatusCode);
        Assert.Equal(unknown.StatusCode, known.StatusCode);
        Assert.Equal(unknown.Headers.Location, known.Headers.Location);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await known.Content.ReadAsStringAsync());
        // Only the unknown one is a request for the administrators.
        Assert.Equal(["una@example.org"], await _app.WithDbAsync(db => db.Set<AccessRequest>().Select(r => r.Email).ToListAsync()));
    }

    [Fact]
    public async Task Sending_the_form_is_rate_limited_per_client_address()
    {
        await _app.DisposeAsync();
        _app = App("2");
        var first = _app.Browser(peer: "203.0.113.7");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await first.PostFormAsync("/account/request-access", Form($"Person {i}", $"person{i}@example.org", DemoData.MerseyValeId))).StatusCode);
        }

        var other = await _app.Browser(peer: "203.0.113.8").PostFormAsync("/account/request-access", Form("Other", "other@example.org", DemoData.MerseyValeId));

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
    }

    private async Task<T> WithUsersAsync<T>(Func<UserManager<ApplicationUser>, Task<T>> read)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>());
    }

    [GeneratedRegex(@"https?://\S+/account/request-access\?returnUrl=\S+")]
    private static partial Regex RequestAccessLink();

    [GeneratedRegex(@"https?://\S+/account/set-password\?\S+")]
    private static partial Regex SetPasswordLink();
}
