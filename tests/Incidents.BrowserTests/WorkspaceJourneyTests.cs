using System.Text.RegularExpressions;
using Incidents.BrowserTests.Support;
using Microsoft.Playwright;

namespace Incidents.BrowserTests;

/// <summary>The DPO's workspace: the incident as a task list, each task on its own page returning to the list at that
/// task. Every page visited is checked as every page is (screenshot, axe) and also: no enum identifier in its visible
/// text, and no sideways scroll at 375 px.</summary>
public sealed partial class WorkspaceJourneyTests : JourneyBase
{
    [Fact]
    public async Task The_dpo_triages_scores_and_decides_on_a_breach_in_six_page_loads_returning_to_the_task_list_at_each_task()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "s-01-staff-sign-in");
        var reference = await ReportAsync(staff, "Class list with UPNs emailed to the wrong parent", "s");

        var page = await NewPageAsync();
        await SignInAsync(page, Dpo, "s-04-dpo-sign-in");
        var loads = 0;
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                loads++;
            }
        };

        // 1: the queue.
        await page.GotoAsync("/triage");
        await CheckBothAsync(page, "s-05-queue");

        // 2: the task list.
        await page.GetByTestId("queue").GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("task-triage").GetByTestId("task-status")).ToHaveTextAsync("Not yet started");
        await Assertions.Expect(page.GetByTestId("task-decision").GetByTestId("task-status")).ToHaveTextAsync("Cannot start yet");
        await Assertions.Expect(page.GetByTestId("task-decision")).ToContainTextAsync("Triage it first.");
        // A task that cannot start yet is not a link.
        await Assertions.Expect(page.GetByTestId("task-decision").GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
        await CheckBothAsync(page, "s-06-task-list");

        // 3: triage, with the severity on the same page; children's data is ticked already (UPNs were reported).
        await page.GetByRole(AriaRole.Link, new() { Name = "Triage: classify and assign" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back" })).ToHaveAttributeAsync("href", new Regex("#task-triage$"));
        await Assertions.Expect(page.GetByLabel("It is children's data")).ToBeCheckedAsync();
        await CheckBothAsync(page, "s-07-triage");
        await page.GetByLabel("Personal data breach").CheckAsync();
        await page.GetByLabel("Assign to").SelectOptionAsync(new SelectOptionValue { Label = "Dana Whitfield" });
        await page.GetByLabel("Simple data, for example names, class lists, contact details").CheckAsync();
        await page.GetByLabel("At once, for example a full name with a date of birth or pupil number").CheckAsync();
        await page.GetByLabel("A known person who can be trusted to delete it, for example one parent").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        // 4: back at the task list, at the triage task, the next task in view.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#task-triage$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The triage has been saved.");
        await Assertions.Expect(page.GetByTestId("task-triage").GetByTestId("task-status")).ToHaveTextAsync("Completed");
        await Assertions.Expect(page.GetByTestId("task-severity").GetByTestId("task-status")).ToHaveTextAsync("Completed");
        await Assertions.Expect(page.GetByTestId("task-decision").GetByTestId("task-status")).ToHaveTextAsync("Not yet started");
        var decisionLink = page.GetByRole(AriaRole.Link, new() { Name = "Decide whether to report to the ICO" });
        await Assertions.Expect(decisionLink).ToBeInViewportAsync();
        await CheckBothAsync(page, "s-08-triaged");

        // 5: the decision; the risk questions follow the answers before them.
        await decisionLink.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Is the risk high?" })).ToBeHiddenAsync();
        await page.Locator("#Input_PersonalData").CheckAsync();
        await page.Locator("#Input_RiskLikely").CheckAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Is the risk high?" })).ToBeVisibleAsync();
        await page.Locator("#Input_HighRisk-2").CheckAsync();
        await page.GetByLabel("Report to the ICO", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Reasons for the decision").FillAsync("UPNs and names of 28 pupils sent to one parent: a risk, not a high one.");
        await CheckBothAsync(page, "s-09-decision");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        // 6: the task list again: decided, the ICO report is next and in view.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#task-decision$"));
        await Assertions.Expect(page.GetByTestId("task-decision").GetByTestId("task-status")).ToHaveTextAsync("Completed");
        await Assertions.Expect(page.GetByTestId("task-ico-report").GetByTestId("task-status")).ToHaveTextAsync("Not yet started");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Report to the ICO", Exact = true })).ToBeInViewportAsync();
        await Assertions.Expect(page.GetByTestId("outcome")).ToHaveTextAsync("Report to the ICO");
        // The audit trail says what changed, in words.
        await Assertions.Expect(page.GetByTestId("audit")).ToContainTextAsync("Triaged as personal data breach.");
        await Assertions.Expect(page.GetByTestId("audit")).ToContainTextAsync("Classification: not recorded → Personal data breach");
        await Assertions.Expect(page.GetByTestId("audit")).ToContainTextAsync("Decision: not recorded → Report to the ICO");
        await CheckBothAsync(page, "s-10-decided");

        Assert.Equal(6, loads);
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task A_task_page_sent_with_errors_lists_them_in_page_order_and_keeps_what_was_typed()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "s-21-staff-sign-in");
        var reference = await ReportAsync(staff, "Report card sent to the wrong family", "s-2");

        var page = await NewPageAsync();
        await SignInAsync(page, Dpo, "s-24-dpo-sign-in");
        await page.GotoAsync("/incidents");
        await CheckBothAsync(page, "s-25-incidents");
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Triage: classify and assign" }).ClickAsync();
        await page.GetByLabel("Personal data breach").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Decide whether to report to the ICO" }).ClickAsync();

        // Nothing answered but the reasons: the summary follows the page (the question, the decision), not the validator.
        await page.GetByLabel("Reasons for the decision").FillAsync("Typed before the answers.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        var links = page.GetByTestId("error-summary-list").GetByRole(AriaRole.Link);
        await Assertions.Expect(links.First).ToHaveAttributeAsync("href", "#Input_PersonalData");
        await Assertions.Expect(links.Last).ToHaveAttributeAsync("href", "#Input_Outcome");
        await Assertions.Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await Assertions.Expect(page.GetByLabel("Reasons for the decision")).ToHaveValueAsync("Typed before the answers.");
        await CheckBothAsync(page, "s-26-decision-errors");

        // The rest of the tasks' pages, as the DPO sees them.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back" }).ClickAsync();
        // A breach without a decision cannot be closed yet, and the list says why.
        await Assertions.Expect(page.GetByTestId("task-close")).ToContainTextAsync("Decide on reporting first.");
        foreach (var (task, shot) in new[] { ("Score the severity", "s-27-severity"), ("Containment and remedial actions", "s-28-actions") })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = task }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(task);
            await CheckBothAsync(page, shot);
            await page.GetByRole(AriaRole.Link, new() { Name = "Back" }).ClickAsync();
        }

        await page.GotoAsync("/");
        await CheckBothAsync(page, "s-30-dashboard");

        // The agreements list stacks its table on a narrow screen (it was 445 px wide at 375).
        await page.GotoAsync("/agreements");
        await CheckBothAsync(page, "v-01-agreements");
        Assert.Empty(_dialogs);
    }
}
