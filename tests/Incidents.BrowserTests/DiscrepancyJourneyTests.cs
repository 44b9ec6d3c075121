using Incidents.BrowserTests.Support;
using Microsoft.Playwright;

namespace Incidents.BrowserTests;

/// <summary>Data discrepancies in a browser: a school raises one (a bad UPN is shown as an error against its line), SIL's
/// designated officer records the corrections, and the agreement's register counts it. Screenshots start with "r".</summary>
public sealed class DiscrepancyJourneyTests : JourneyBase
{
    private const string SilOfficer = "officer@sil.test";

    [Fact]
    public async Task A_school_raises_a_discrepancy_the_provider_corrects_it_and_the_register_counts_it()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "r-01-sign-in");

        await staff.GetByRole(AriaRole.Link, new() { Name = "Discrepancies", Exact = true }).ClickAsync();
        await CheckPageAsync(staff, "r-02-list-empty");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Raise a data discrepancy" }).ClickAsync();
        await CheckPageAsync(staff, "r-03-raise-form");

        await Assertions.Expect(staff.GetByLabel("With School Improvement Liverpool")).ToBeCheckedAsync();
        await staff.GetByLabel("The other party to the agreement").CheckAsync();
        await staff.GetByLabel("What data item is in dispute?").FillAsync("Date of birth");
        await staff.GetByLabel("UPNs of the pupils").FillAsync("B801200005001\nA801200005001\ne341123456789");
        await staff.GetByLabel("What did you find? (optional)").FillAsync("The autumn census return and SIL's extract disagree.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Raise the discrepancy" }).ClickAsync();

        // The bad UPN is named by its line, in the error summary and above the field; nothing was raised.
        var summary = staff.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Line 2: The check letter of \"A801200005001\" is wrong: for these digits it would be B, not A.");
        await Assertions.Expect(staff.Locator("#Input_Upns-error")).ToContainTextAsync("Line 2");
        await Assertions.Expect(staff).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: Raise a data discrepancy"));
        await CheckPageAsync(staff, "r-04-raise-bad-upn");
        await staff.SetViewportSizeAsync(375, 800);
        Assert.True(await staff.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 375"), "The raise form scrolls sideways at 375 px.");
        await Browser.ScreenshotAsync(staff, "r-05-raise-bad-upn-375");
        await staff.SetViewportSizeAsync(1280, 800);

        await staff.GetByLabel("UPNs of the pupils").FillAsync("B801200005001, e341123456789");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Raise the discrepancy" }).ClickAsync();
        await Assertions.Expect(staff.GetByTestId("done")).ToContainTextAsync("has been raised and the provider's designated officers have been emailed");
        await Assertions.Expect(staff.GetByTestId("state")).ToHaveTextAsync("Awaiting correction");
        await Assertions.Expect(staff.GetByTestId("upn-row")).ToHaveCountAsync(2);
        await Assertions.Expect(staff.GetByRole(AriaRole.Button, new() { Name = "Save the corrections" })).ToHaveCountAsync(0);
        var heading = (await staff.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync())!;
        var reference = heading.Split(':')[0].Trim();
        Assert.Matches(@"^DSC-\d{4}-\d{5}$", reference);
        await CheckPageAsync(staff, "r-06-raised");
        var link = staff.Url;
        var email = Assert.Single(await _smtp.WaitForAsync(1, m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true));
        Assert.Equal(SilOfficer, email.To.Mailboxes.Single().Address);

        // SIL's designated officer, for the party that provided the data, records a correction for each UPN.
        var officer = await NewPageAsync();
        await SignInAsync(officer, SilOfficer, "r-07-officer-sign-in");
        await officer.GotoAsync(link);
        await CheckPageAsync(officer, "r-08-provider-view");
        await officer.GetByLabel("Correction for B801200005001").FillAsync("01/02/2019");
        await officer.GetByLabel("Correction for E341123456789").FillAsync("No change: the census return was out of date");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Save the corrections" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("done")).ToHaveTextAsync("The corrections have been recorded.");
        await Assertions.Expect(officer.GetByTestId("state")).ToHaveTextAsync("Awaiting confirmation");
        await Assertions.Expect(officer.GetByTestId("correction").First).ToContainTextAsync("01/02/2019");
        await CheckPageAsync(officer, "r-09-corrected");
        await officer.SetViewportSizeAsync(375, 800);
        Assert.True(await officer.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 375"), "The discrepancy page scrolls sideways at 375 px.");
        await Browser.ScreenshotAsync(officer, "r-10-corrected-375");
        await officer.SetViewportSizeAsync(1280, 800);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Confirm the corrections for my organisation" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("confirmations")).ToContainTextAsync("Confirmed by Owen Marsh");

        // The school confirms too: closed. Its register (from the agreement page) counts it.
        await staff.GotoAsync(link);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Confirm the corrections for my organisation" }).ClickAsync();
        await Assertions.Expect(staff.GetByTestId("done")).ToHaveTextAsync($"Both parties have confirmed: {reference} is closed.");
        await Assertions.Expect(staff.GetByTestId("state")).ToHaveTextAsync("Closed");
        await CheckPageAsync(staff, "r-11-closed");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Agreements", Exact = true }).ClickAsync();
        await staff.GetByRole(AriaRole.Link, new() { Name = "Mersey Vale Primary School" }).First.ClickAsync();
        await staff.GetByTestId("discrepancy-register-link").ClickAsync();
        await Assertions.Expect(staff.GetByTestId("discrepancy-counts")).ToContainTextAsync("Closed");
        await Assertions.Expect(staff.GetByTestId("discrepancies")).ToContainTextAsync(reference);
        await CheckPageAsync(staff, "r-12-register");
        await staff.SetViewportSizeAsync(375, 800);
        Assert.True(await staff.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 375"), "The register scrolls sideways at 375 px.");
        await Browser.ScreenshotAsync(staff, "r-13-register-375");
    }

    [Fact]
    public async Task The_dpo_sees_open_discrepancies_in_the_queue_and_on_the_dashboard()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "r-20-sign-in");
        await staff.GotoAsync("/discrepancies/raise");
        await staff.GetByLabel("The other party to the agreement").CheckAsync();
        await staff.GetByLabel("What data item is in dispute?").FillAsync("SEN status");
        await staff.GetByLabel("UPNs of the pupils").FillAsync("B801200005001");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Raise the discrepancy" }).ClickAsync();
        await Assertions.Expect(staff.GetByTestId("state")).ToHaveTextAsync("Awaiting correction");

        var dpo = await NewPageAsync();
        await dpo.GotoAsync("/");
        await dpo.GetByLabel("Email address").FillAsync(Dpo);
        await dpo.GetByLabel("Password").FillAsync(IncidentsApp.DemoPassword);
        await dpo.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(dpo.GetByTestId("discrepancies-open")).ToContainTextAsync("1");
        await CheckPageAsync(dpo, "r-21-dashboard");
        await dpo.GotoAsync("/triage");
        await Assertions.Expect(dpo.GetByTestId("queue-discrepancies")).ToContainTextAsync("SEN status");
        await CheckPageAsync(dpo, "r-22-queue");
    }
}
