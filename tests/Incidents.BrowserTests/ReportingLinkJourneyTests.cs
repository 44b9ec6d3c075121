using System.Globalization;
using Incidents.BrowserTests.Support;
using Incidents.Domain.Common;
using Microsoft.Playwright;

namespace Incidents.BrowserTests;

/// <summary>Reporting without an account (issue 13): an administrator makes Mersey Vale's reporting link; a supply
/// teacher opens it signed out, at 1280 and 375 px, reports, and gets the receipt; the link turned off is a 404. And
/// (issue 14) suspending an agreement has a check-your-answers step giving the configured period. Screenshots "u-".</summary>
public sealed class ReportingLinkJourneyTests : JourneyBase
{

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateAdminAsync();
    }

    [Fact]
    public async Task A_supply_teacher_reports_through_the_link_signed_out_and_the_admin_turns_it_off()
    {
        var admin = await NewPageAsync();
        await SignInAsync(admin, Admin, "u-01-admin-sign-in");
        await admin.GotoAsync("/agreements");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Mersey Vale Primary School" }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Mersey Vale Primary School's reporting link" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("link-status")).ToHaveTextAsync("Not made yet");
        await CheckPageAsync(admin, "u-02-admin-no-link");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Make a reporting link" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("link-status")).ToHaveTextAsync("On");
        await CheckPageAsync(admin, "u-03-admin-link");
        var url = new Uri((await admin.GetByTestId("link-url").TextContentAsync())!.Trim());
        await admin.SetViewportSizeAsync(375, 800);
        await AssertNoSidewaysScrollAsync(admin, "The reporting link page");
        await CheckPageAsync(admin, "u-04-admin-link-375");

        // Signed out, in a browser that has never signed in.
        var page = await NewPageAsync();
        await page.GotoAsync(url.AbsolutePath);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Report an incident for Mersey Vale Primary School" })).ToBeVisibleAsync();
        await CheckPageAsync(page, "u-05-link-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Enter your name.");
        await Assertions.Expect(summary).ToContainTextAsync("Enter your email address, so that we can send you a receipt.");
        await CheckPageAsync(page, "u-06-link-errors");

        var discovered = LondonTime.ToLondon(DateTimeOffset.UtcNow.AddHours(-2));
        await page.GetByLabel("Your full name").FillAsync("Robin Supply");
        await page.GetByLabel("Your role").FillAsync("Supply teacher");
        await page.GetByLabel("Your email address").FillAsync("robin.supply@example.org");
        await page.GetByLabel("Breach of confidentiality").CheckAsync();
        await page.GetByLabel("School Improvement Liverpool").CheckAsync();
        await page.GetByLabel("Day", new() { Exact = true }).FillAsync(discovered.Day.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Month", new() { Exact = true }).FillAsync(discovered.Month.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Year", new() { Exact = true }).FillAsync(discovered.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Time (24-hour)").FillAsync(discovered.ToString("HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Summary", new() { Exact = true }).FillAsync("Seating plan with pupil names left on the bus");
        await page.GetByLabel("What happened?").FillAsync("A printed seating plan was left on a school bus.");
        await page.GetByLabel("Names", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Incident reported" })).ToBeVisibleAsync();
        var reference = (await page.GetByTestId("reference").TextContentAsync())!.Trim();
        await Assertions.Expect(page.GetByTestId("notified")).ToContainTextAsync("Robin Supply");
        await CheckPageAsync(page, "u-07-link-reported");

        var messages = await _smtp.WaitForAsync(4);
        Assert.Equal(["dpo@sil.test", "officer@merseyvale.test", "officer@sil.test", "robin.supply@example.org"], messages.SelectMany(m => m.To.Mailboxes).Select(a => a.Address).Order());
        Assert.Contains(reference, messages.Single(m => m.To.Mailboxes.Single().Address == "robin.supply@example.org").Subject, StringComparison.Ordinal);

        // At 375 px the form (and its errors) fit without scrolling sideways.
        var narrow = await NewPageAsync();
        await narrow.SetViewportSizeAsync(375, 800);
        await narrow.GotoAsync(url.AbsolutePath);
        await narrow.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
        await Assertions.Expect(narrow.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(narrow, "The report form at the reporting link");
        await CheckPageAsync(narrow, "u-08-link-errors-375");

        // Turned off, the link is a page not found.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Turn the link off" }).ClickAsync();
        await Assertions.Expect(admin.GetByTestId("link-status")).ToHaveTextAsync("Off");
        var gone = await narrow.GotoAsync(url.AbsolutePath);
        Assert.Equal(404, gone!.Status);
        await Assertions.Expect(narrow.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await CheckPageAsync(narrow, "u-09-link-off-375");
    }

    [Fact]
    public async Task Suspending_an_agreement_checks_the_answers_and_gives_the_configured_period_before_the_red_button()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "u-10-staff-sign-in");
        var reference = await ReportAsync(staff, "Pupil data sent to the wrong parent again", "u");

        var page = await NewPageAsync();
        await SignInAsync(page, Dpo, "u-11-dpo-sign-in");
        await page.GotoAsync("/agreements");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mersey Vale Primary School" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sharing")).ToHaveTextAsync("Sharing is allowed: the agreement is in force.");

        // Errors in page order: the reason, then the incidents.
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var errors = page.Locator(".govuk-error-summary__list li");
        await Assertions.Expect(errors).ToHaveTextAsync(["Give the reason for suspending the agreement.", "Link at least one incident as evidence of a serious breach."]);
        await CheckPageAsync(page, "u-12-suspend-errors");

        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Two breaches in a week");
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^" + reference)).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("check-answers")).ToHaveTextAsync("Check before you suspend the agreement");
        await Assertions.Expect(page.GetByTestId("suspend-period")).ToContainTextAsync("30 days");
        await Assertions.Expect(page.GetByTestId("agreement-status")).ToHaveTextAsync("Active");
        await CheckPageAsync(page, "u-13-suspend-check");

        // "Change your answers" keeps them; the red button is only on the check step.
        await page.GetByRole(AriaRole.Button, new() { Name = "Change your answers" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Reason", new() { Exact = true })).ToHaveValueAsync("Two breaches in a week");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Suspend the agreement" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.SetViewportSizeAsync(375, 800);
        await AssertNoSidewaysScrollAsync(page, "The check-your-answers step");
        await CheckPageAsync(page, "u-14-suspend-check-375");
        await page.SetViewportSizeAsync(1280, 800);
        await page.GetByRole(AriaRole.Button, new() { Name = "Suspend the agreement" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("agreement-status")).ToHaveTextAsync("Suspended");
        await Assertions.Expect(page.GetByTestId("status-sentence")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Suspended under clause 10 until .+\\.$"));
        await Assertions.Expect(page.GetByTestId("sharing")).ToHaveTextAsync("Sharing is not allowed: the agreement is suspended under clause 10 of the information sharing agreement.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Renew the suspension for 30 days" })).ToHaveCountAsync(0);
        await CheckPageAsync(page, "u-15-suspended");
    }
}
