using System.Text.RegularExpressions;
using Incidents.BrowserTests.Support;
using Microsoft.Playwright;

namespace Incidents.BrowserTests;

/// <summary>The way in for someone a notice was sent to who has no account (issue 13): they open the incident's link
/// signed out, follow "request access" from the sign-in page, send the form (its errors first); SIL's administrator
/// approves on /access-requests; the invitation's link sets a password and they sign in and land on the incident they
/// came for. At 1280 and 375 px, with axe on every page. Screenshots "z-".</summary>
public sealed partial class AccessRequestJourneyTests : JourneyBase
{
    private const string Governor = "governor@merseyvale.test";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateAdminAsync();
    }

    [Fact]
    public async Task Someone_without_an_account_requests_access_from_the_incident_link_the_admin_approves_and_they_set_a_password_and_arrive()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "z-01-staff-sign-in");
        var reference = await ReportAsync(staff, "Governors' minutes with pupil names sent to the wrong list", "z");
        await staff.GetByRole(AriaRole.Link, new() { Name = "View the incident" }).ClickAsync();
        var incidentPath = new Uri(staff.Url).AbsolutePath;
        Assert.Matches("^/incidents/[0-9a-f-]{36}", incidentPath);

        // Signed out, as the governor who was forwarded the notice.
        var page = await NewPageAsync();
        await page.GotoAsync(incidentPath);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"));
        await page.GetByTestId("request-access").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Request access to SIL Incidents");
        await CheckPageAsync(page, "z-04-request-access");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request access" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary.Locator("a")).ToHaveTextAsync(["Enter your full name.", "Enter your email address.", "Choose your organisation.", "Tell us why you need access."]);
        Assert.StartsWith("Error:", await page.TitleAsync(), StringComparison.Ordinal);
        await CheckPageAsync(page, "z-05-request-access-errors");

        await page.GetByLabel("Your full name").FillAsync("Gwen <b>Governor</b>");
        await page.GetByLabel("Your work email address").FillAsync(Governor);
        await page.GetByLabel("Your organisation").SelectOptionAsync(new SelectOptionValue { Label = "Mersey Vale Primary School" });
        await page.GetByLabel("Why do you need access?").FillAsync("I chair the governors' data group and was forwarded the notice.");
        await page.SetViewportSizeAsync(375, 800);
        await AssertNoSidewaysScrollAsync(page, "The request-access form");
        await CheckPageAsync(page, "z-06-request-access-375");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request access" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Request sent" })).ToBeVisibleAsync();
        await CheckPageAsync(page, "z-07-request-sent-375");

        // SIL's administrator is told, and decides on /access-requests.
        var told = await _smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == Admin));
        Assert.DoesNotContain("Gwen", told[0].TextBody ?? string.Empty, StringComparison.Ordinal);
        var admin = await NewPageAsync();
        await SignInAsync(admin, Admin, "z-08-admin-sign-in");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Access requests" }).ClickAsync();
        var request = admin.GetByTestId("access-request");
        await Assertions.Expect(request).ToHaveCountAsync(1);
        // The name is shown as typed, never as markup.
        await Assertions.Expect(request.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Gwen <b>Governor</b>");
        await Assertions.Expect(request).ToContainTextAsync(reference);
        await Assertions.Expect(request.GetByTestId("role-on-approval")).ToHaveTextAsync("member of staff", new() { IgnoreCase = true });
        await CheckPageAsync(admin, "z-09-access-requests");
        await admin.SetViewportSizeAsync(375, 800);
        await AssertNoSidewaysScrollAsync(admin, "The access requests page");
        await CheckPageAsync(admin, "z-10-access-requests-375");
        await admin.SetViewportSizeAsync(1280, 800);
        await request.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("done")).ToContainTextAsync("Approved");
        await Assertions.Expect(admin.GetByTestId("no-requests")).ToBeVisibleAsync();
        await CheckPageAsync(admin, "z-11-access-approved");

        // The invitation's link sets a password; signing in goes to the incident they came for.
        var invite = (await _smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == Governor)))[0];
        var link = new Uri(SetPasswordLink().Match(invite.TextBody ?? string.Empty).Value);
        await page.GotoAsync(link.PathAndQuery);
        await CheckPageAsync(page, "z-12-set-password-375");
        await page.GetByLabel("New password").FillAsync("governors-data-group-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await page.GotoAsync(incidentPath);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/sign-in"));
        await page.GetByLabel("Email address").FillAsync(Governor);
        await page.GetByLabel("Password").FillAsync("governors-data-group-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(incidentPath) + "$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(reference);
        await AssertNoSidewaysScrollAsync(page, "The incident page");
        await CheckPageAsync(page, "z-13-incident-after-access-375");
    }

    [GeneratedRegex(@"https?://\S+/account/set-password\?\S+")]
    private static partial Regex SetPasswordLink();
}
