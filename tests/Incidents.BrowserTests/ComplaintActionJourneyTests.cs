using System.Globalization;
using Incidents.BrowserTests.Support;
using Incidents.Domain.Common;
using Microsoft.Playwright;

namespace Incidents.BrowserTests;

/// <summary>A complaint's investigation actions in the browser: the report form sends complaints to their own form; a
/// school's officer adds an action that is already overdue; SIL's DPO finds it on the dashboard beside the complaints
/// to acknowledge and marks it done. Every page: axe-core (0 serious or critical), a screenshot at 1280 and at 375
/// pixels, and no sideways scroll at 375. Prefix "w".</summary>
public sealed class ComplaintActionJourneyTests : JourneyBase
{
    [Fact]
    public async Task An_officer_adds_an_overdue_action_to_a_complaint_and_the_dpo_finds_it_on_the_dashboard_and_marks_it_done()
    {
        // Staff: the report form offers no complaint kind and links to the complaint form instead.
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "w-01-sign-in");
        await staff.GotoAsync("/incidents/report");
        await Assertions.Expect(staff.GetByLabel("Complaint", new() { Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(staff.GetByTestId("other-workflows")).ToContainTextAsync("Logging a complaint?");
        await CheckBothAsync(staff, "w-02-report-form");
        await staff.GetByRole(AriaRole.Link, new() { Name = "Log a complaint" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Log a complaint" })).ToBeVisibleAsync();
        await staff.GetByLabel("Phone").CheckAsync();
        await staff.GetByLabel("Complainant's name").FillAsync("Sam Grandparent");
        await staff.GetByLabel("Relationship to the pupil").FillAsync("Grandparent");
        await staff.GetByLabel("What is it about?").FillAsync("Photo in the newsletter");
        await staff.GetByLabel("Details of the complaint").FillAsync("A photo of my grandchild was in the newsletter without consent.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Log complaint" }).ClickAsync();
        await Assertions.Expect(staff.GetByText("logged. It must be acknowledged by")).ToBeVisibleAsync();
        var complaintUrl = new Uri(staff.Url).PathAndQuery.Split('?')[0];
        var reference = (await staff.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync())!.Trim()[..14];
        Assert.Matches("^CMP-[0-9]{4}-[0-9]{5}$", reference);

        // The school's officer adds an action due yesterday: a field error first, then it shows as overdue.
        var officer = await NewPageAsync();
        await SignInAsync(officer, "officer@merseyvale.test", "w-03-officer-sign-in");
        await officer.GotoAsync(complaintUrl);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Add action" }).ClickAsync();
        await Assertions.Expect(officer.GetByRole(AriaRole.Link, new() { Name = "Describe the action." })).ToBeVisibleAsync();
        await CheckBothAsync(officer, "w-04-action-error");

        var yesterday = LondonTime.ToLondon(DateTimeOffset.UtcNow).AddDays(-1);
        await officer.GetByLabel("What needs doing").FillAsync("Take the photo off the newsletter archive");
        await officer.GetByLabel("Who will do it").FillAsync("Office manager");
        var due = officer.GetByRole(AriaRole.Group, new() { Name = "Due date (optional)" });
        await due.GetByLabel("Day").FillAsync(yesterday.Day.ToString(CultureInfo.InvariantCulture));
        await due.GetByLabel("Month").FillAsync(yesterday.Month.ToString(CultureInfo.InvariantCulture));
        await due.GetByLabel("Year").FillAsync(yesterday.Year.ToString(CultureInfo.InvariantCulture));
        await officer.GetByRole(AriaRole.Button, new() { Name = "Add action" }).ClickAsync();
        await Assertions.Expect(officer.GetByText("The action has been added.")).ToBeVisibleAsync();
        await Assertions.Expect(officer.GetByTestId("complaint-action")).ToContainTextAsync("Overdue");
        await CheckBothAsync(officer, "w-05-action-overdue");

        // SIL's DPO: the dashboard lists the complaint to acknowledge and the overdue action, each a link.
        var dpo = await NewPageAsync();
        await SignInAsync(dpo, Dpo, "w-06-dpo-sign-in");
        await dpo.GotoAsync("/");
        await Assertions.Expect(dpo.GetByTestId("complaints-to-acknowledge").GetByRole(AriaRole.Link, new() { Name = reference })).ToBeVisibleAsync();
        await Assertions.Expect(dpo.GetByTestId("overdue-actions")).ToContainTextAsync("Take the photo off the newsletter archive");
        await CheckBothAsync(dpo, "w-07-dashboard");
        await dpo.GetByTestId("overdue-actions").GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(dpo.GetByRole(AriaRole.Heading, new() { Name = "Actions", Exact = true })).ToBeVisibleAsync();
        await dpo.GetByLabel("Note (optional)").FillAsync("Removed from the archive page.");
        await dpo.GetByTestId("complaint-action").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(dpo.GetByText("The action has been marked as done.")).ToBeVisibleAsync();
        await Assertions.Expect(dpo.GetByTestId("complaint-action")).ToContainTextAsync("Done");
        await CheckBothAsync(dpo, "w-08-action-done");
        await dpo.GotoAsync("/");
        await Assertions.Expect(dpo.GetByTestId("overdue-actions")).Not.ToContainTextAsync(reference);
        Assert.Empty(_dialogs);
    }
}
