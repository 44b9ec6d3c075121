using Incidents.BrowserTests.Support;
using Microsoft.Playwright;

namespace Incidents.BrowserTests;

/// <summary>Complaints in the browser: a parent complains through the public form (no account, no JavaScript needed),
/// then SIL's DPO finds it in the list and the queue, acknowledges it and records the outcome. Every page: axe-core
/// (0 serious or critical), a screenshot at 1280 and at 375 pixels, and no sideways scroll at 375. Prefix "q".</summary>
public sealed class ComplaintJourneyTests : JourneyBase
{
    [Fact]
    public async Task A_parent_complains_through_the_public_form_and_the_dpo_acknowledges_and_closes_it()
    {
        var parent = await NewPageAsync();
        await parent.GotoAsync("/complain/990001");
        await Assertions.Expect(parent.GetByRole(AriaRole.Heading, new() { Name = "Make a complaint about how your personal data is used" })).ToBeVisibleAsync();
        await CheckBothAsync(parent, "q-01-public-form");

        await parent.GetByRole(AriaRole.Button, new() { Name = "Send complaint" }).ClickAsync();
        await Assertions.Expect(parent.GetByText("There is a problem")).ToBeVisibleAsync();
        await Assertions.Expect(parent.GetByRole(AriaRole.Link, new() { Name = "Enter your full name" })).ToBeVisibleAsync();
        await CheckBothAsync(parent, "q-02-public-form-errors");

        await parent.GetByLabel("Your full name").FillAsync("Jo <script>alert(1)</script> Parent");
        await parent.GetByLabel("Your email address").FillAsync("jo.parent@example.org");
        await parent.GetByLabel("Your relationship to the pupil").FillAsync("Parent");
        await parent.GetByLabel("What is your complaint about?").FillAsync("Reading records sent to another parent");
        await parent.GetByLabel("Tell us what happened").FillAsync("My son's reading records were emailed to another parent.");
        await parent.GetByRole(AriaRole.Button, new() { Name = "Send complaint" }).ClickAsync();
        await Assertions.Expect(parent.GetByRole(AriaRole.Heading, new() { Name = "Complaint sent" })).ToBeVisibleAsync();
        var reference = (await parent.GetByTestId("reference").TextContentAsync())!.Trim();
        Assert.Matches("^CMP-[0-9]{4}-00001$", reference);
        await CheckBothAsync(parent, "q-03-public-form-sent");
        var receipt = await _smtp.WaitForAsync(1, m => m.To.Mailboxes.Any(a => a.Address == "jo.parent@example.org"));
        Assert.Contains(reference, receipt[0].Subject, StringComparison.Ordinal);

        var dpo = await NewPageAsync();
        await SignInAsync(dpo, Dpo, "q-04-sign-in");
        await dpo.GetByRole(AriaRole.Link, new() { Name = "Complaints", Exact = true }).ClickAsync();
        await Assertions.Expect(dpo.GetByRole(AriaRole.Heading, new() { Name = "Complaints", Exact = true })).ToBeVisibleAsync();
        await CheckBothAsync(dpo, "q-05-complaints");

        await dpo.GotoAsync("/triage");
        await Assertions.Expect(dpo.GetByTestId("queue-complaints").GetByRole(AriaRole.Link, new() { Name = reference })).ToBeVisibleAsync();
        await CheckBothAsync(dpo, "q-06-queue");
        await dpo.GotoAsync("/");
        await Assertions.Expect(dpo.GetByTestId("complaints-open-count")).ToContainTextAsync("1");
        await CheckBothAsync(dpo, "q-07-dashboard");

        await dpo.GotoAsync("/complaints");
        await dpo.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(dpo.GetByRole(AriaRole.Heading, new() { Name = reference })).ToBeVisibleAsync();
        await Assertions.Expect(dpo.GetByTestId("acknowledgement-countdown")).ToContainTextAsync("left");
        await Assertions.Expect(dpo.GetByTestId("details")).ToContainTextAsync("Jo <script>alert(1)</script> Parent");
        await CheckBothAsync(dpo, "q-08-complaint");

        // Errors come back against the field.
        await dpo.GetByRole(AriaRole.Button, new() { Name = "Record acknowledgement" }).ClickAsync();
        await Assertions.Expect(dpo.GetByRole(AriaRole.Link, new() { Name = "Choose how the complainant was told" })).ToBeVisibleAsync();
        await CheckBothAsync(dpo, "q-09-acknowledge-error");

        await dpo.GetByLabel("Email", new() { Exact = true }).CheckAsync();
        await dpo.GetByLabel("Also email the acknowledgement to the complainant").CheckAsync();
        await dpo.GetByRole(AriaRole.Button, new() { Name = "Record acknowledgement" }).ClickAsync();
        await Assertions.Expect(dpo.GetByText("Acknowledgement recorded.")).ToBeVisibleAsync();
        await Assertions.Expect(dpo.GetByTestId("status")).ToHaveTextAsync("Acknowledged, being investigated");
        await _smtp.WaitForAsync(1, m => m.Subject!.Contains("is being looked at", StringComparison.Ordinal));

        await dpo.GetByLabel("Note", new() { Exact = true }).FillAsync("Spoke to the class teacher; the address book was wrong.");
        await dpo.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Assertions.Expect(dpo.GetByTestId("notes")).ToContainTextAsync("the address book was wrong");

        await dpo.GetByLabel("Partly upheld").CheckAsync();
        await dpo.GetByLabel("What was found and what will be done").FillAsync("The records were sent in error. The address book has been corrected.");
        await dpo.GetByRole(AriaRole.Button, new() { Name = "Record outcome and close" }).ClickAsync();
        await Assertions.Expect(dpo.GetByTestId("status")).ToHaveTextAsync("Closed");
        await Assertions.Expect(dpo.GetByTestId("outcome")).ToContainTextAsync("Partly upheld");
        await CheckBothAsync(dpo, "q-10-closed");
        var letter = await _smtp.WaitForAsync(1, m => m.Subject!.Contains("outcome of your complaint", StringComparison.Ordinal));
        Assert.Contains("right to complain to the Information Commissioner's Office", letter[0].TextBody, StringComparison.Ordinal);
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task Staff_log_a_complaint_by_phone_and_an_unknown_organisations_form_is_not_found()
    {
        var page = await NewPageAsync();
        var missing = await page.GotoAsync("/complain/000000");
        Assert.Equal(404, missing!.Status);
        await CheckBothAsync(page, "q-11-unknown-organisation");

        await SignInAsync(page, MerseyValeStaff, "q-12-sign-in");
        await page.GotoAsync("/complaints/log");
        await CheckBothAsync(page, "q-13-log-form");
        await page.GetByLabel("Phone").CheckAsync();
        await page.GetByLabel("Complainant's name").FillAsync("Sam Grandparent");
        await page.GetByLabel("Relationship to the pupil").FillAsync("Grandparent");
        await page.GetByLabel("What is it about?").FillAsync("Photo in the newsletter");
        await page.GetByLabel("Details of the complaint").FillAsync("A photo of my grandchild was in the newsletter without consent.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log complaint" }).ClickAsync();
        await Assertions.Expect(page.GetByText("logged. It must be acknowledged by")).ToBeVisibleAsync();
        // A member of staff sees it but does not acknowledge it (their designated officer does).
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Record acknowledgement" })).ToHaveCountAsync(0);
        await CheckBothAsync(page, "q-14-logged");
    }
}
