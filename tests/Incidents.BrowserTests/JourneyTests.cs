using System.Globalization;
using Incidents.BrowserTests.Support;
using Incidents.Domain.Common;
using Microsoft.Playwright;

namespace Incidents.BrowserTests;

/// <summary>The journeys of the issue, in headless Chromium against the real app on Kestrel: what a user sees, every
/// page checked with axe-core and saved as a screenshot.</summary>
public sealed class JourneyTests : JourneyBase
{
    [Fact]
    public async Task Staff_report_a_breach_through_the_form_see_the_reference_and_the_officer_and_dpo_are_emailed()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, MerseyValeStaff, "a-01-sign-in");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("Mersey Vale Primary School");

        var reference = await ReportAsync(page, "Class list emailed to the wrong parent", "a");

        Assert.Matches(@"^INC-\d{4}-\d{5}$", reference);
        var notified = page.GetByTestId("notified");
        await Assertions.Expect(notified).ToBeVisibleAsync();
        // SIL's officer (11.4), SIL's DPO (11.5), Mersey Vale's own officer, and the reporter's receipt.
        Assert.Equal(4, await notified.Locator("tbody tr").CountAsync());
        await Assertions.Expect(notified).ToContainTextAsync("clause 11.4");
        await Assertions.Expect(page.GetByText("What happens next")).ToBeVisibleAsync();

        var messages = await _smtp.WaitForAsync(4, m => m.Subject?.Contains(reference, StringComparison.Ordinal) == true);
        Assert.Equal(["dpo@sil.test", "officer@merseyvale.test", "officer@sil.test", "staff@merseyvale.test"], messages.SelectMany(m => m.To.Mailboxes).Select(a => a.Address).Order());

        await page.GetByRole(AriaRole.Link, new() { Name = "Incidents", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("incidents")).ToContainTextAsync(reference);
        await CheckPageAsync(page, "a-04-our-incidents");
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task A_report_with_errors_shows_the_error_summary_linking_to_the_fields_and_keeps_what_was_typed()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, MerseyValeStaff, "b-01-sign-in");
        await page.GotoAsync("/incidents/report");
        await CheckPageAsync(page, "b-02-report-form");

        var tomorrow = LondonTime.ToLondon(DateTimeOffset.UtcNow).AddDays(2);
        await page.GetByLabel("Breach of confidentiality").CheckAsync();
        await page.GetByLabel("Day", new() { Exact = true }).FillAsync(tomorrow.Day.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Month", new() { Exact = true }).FillAsync(tomorrow.Month.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Year", new() { Exact = true }).FillAsync(tomorrow.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Time (24-hour)").FillAsync("09:15");
        await page.GetByLabel("What happened?").FillAsync("Typed text that must survive the round trip.");
        await page.GetByLabel("Names", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Approximately how many people are affected?").FillAsync("12");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();

        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await Assertions.Expect(summary).ToContainTextAsync("There is a problem");
        var summaryLink = summary.GetByRole(AriaRole.Link, new() { Name = "Enter a summary." });
        await Assertions.Expect(summaryLink).ToHaveAttributeAsync("href", "#Input_Summary");
        var dateLink = summary.GetByRole(AriaRole.Link, new() { Name = "When it was discovered must be now or in the past." });
        await Assertions.Expect(dateLink).ToHaveAttributeAsync("href", "#Input_DiscoveredDay");
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));

        // What was typed is kept.
        await Assertions.Expect(page.GetByLabel("Breach of confidentiality")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("What happened?")).ToHaveValueAsync("Typed text that must survive the round trip.");
        await Assertions.Expect(page.GetByLabel("Names", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Approximately how many people are affected?")).ToHaveValueAsync("12");
        await Assertions.Expect(page.GetByLabel("Time (24-hour)")).ToHaveValueAsync("09:15");
        await CheckPageAsync(page, "b-03-report-errors");

        // The link takes the user to the field.
        await summaryLink.ClickAsync();
        await Assertions.Expect(page.GetByLabel("Summary", new() { Exact = true })).ToBeFocusedAsync();
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task The_dpo_finds_a_new_report_at_the_top_of_the_queue_triages_it_records_a_decision_and_reports_it_to_the_ico()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "c-01-staff-sign-in");
        var reference = await ReportAsync(staff, "Laptop with pupil records stolen from a car", "c");

        var page = await NewPageAsync();
        await SignInAsync(page, Dpo, "c-04-dpo-sign-in");
        await page.GotoAsync("/triage");
        var firstRow = page.GetByTestId("queue").Locator("tbody tr").First;
        await Assertions.Expect(firstRow).ToContainTextAsync(reference);
        await CheckPageAsync(page, "c-05-triage-queue");

        await firstRow.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(reference);
        // Discovered two hours ago: the 72 hours run from the discovery, in words.
        await Assertions.Expect(page.GetByTestId("ico-duty")).ToHaveTextAsync("Decision owed");
        await Assertions.Expect(page.GetByTestId("ico-countdown")).ToHaveTextAsync("2 days 21 hours left");
        await CheckPageAsync(page, "c-06-incident");

        await page.GetByRole(AriaRole.Link, new() { Name = "Triage: classify and assign" }).ClickAsync();
        await page.GetByLabel("Personal data breach").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The triage has been saved.");
        await Assertions.Expect(page.GetByTestId("classification")).ToHaveTextAsync("Personal data breach");
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("Triaged");
        await CheckPageAsync(page, "c-07-triaged");

        await page.GetByRole(AriaRole.Link, new() { Name = "Decide whether to report to the ICO" }).ClickAsync();
        var decide = page.Locator("form");
        await decide.Locator("#Input_PersonalData").CheckAsync();
        await decide.Locator("#Input_RiskLikely").CheckAsync();
        await decide.Locator("#Input_HighRisk-2").CheckAsync();
        await decide.GetByLabel("Report to the ICO", new() { Exact = true }).CheckAsync();
        await decide.GetByLabel("Reasons for the decision").FillAsync("Pupil records of 30 children; the laptop was encrypted but the password was on a note.");
        await decide.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The decision has been recorded.");
        await Assertions.Expect(page.GetByTestId("outcome")).ToHaveTextAsync("Report to the ICO");
        await Assertions.Expect(page.GetByTestId("decision")).ToContainTextAsync("the password was on a note");
        await Assertions.Expect(page.GetByTestId("audit")).ToContainTextAsync("Decided");
        // The duty is to report, not to decide: the report is still owed, against the same deadline.
        await Assertions.Expect(page.GetByTestId("ico-duty")).ToHaveTextAsync("Report to the ICO owed");
        await Assertions.Expect(page.GetByTestId("ico-countdown")).ToContainTextAsync("2 days 21 hours left");
        await CheckPageAsync(page, "c-08-decided");

        await page.GotoAsync("/triage");
        var row = page.GetByTestId("queue").Locator("tbody tr").Filter(new() { HasText = reference });
        await Assertions.Expect(row.GetByTestId("queue-duty")).ToHaveTextAsync("Report to the ICO owed");
        await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();

        var submitted = LondonTime.ToLondon(DateTimeOffset.UtcNow.AddMinutes(-5));
        await page.GetByRole(AriaRole.Link, new() { Name = "Report to the ICO", Exact = true }).ClickAsync();
        var file = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }) });
        await file.Locator("#Input_SubmittedDay").FillAsync(submitted.Day.ToString(CultureInfo.InvariantCulture));
        await file.Locator("#Input_SubmittedMonth").FillAsync(submitted.Month.ToString(CultureInfo.InvariantCulture));
        await file.Locator("#Input_SubmittedYear").FillAsync(submitted.Year.ToString(CultureInfo.InvariantCulture));
        await file.Locator("#Input_SubmittedTime").FillAsync(submitted.ToString("HH:mm", CultureInfo.InvariantCulture));
        await file.GetByLabel("ICO case reference").FillAsync("IC-123456-A1B2");
        await file.GetByLabel("Initial report").CheckAsync();
        await file.GetByLabel("Nature of the breach").FillAsync("A laptop with pupil records was stolen from a car.");
        await file.GetByLabel("Categories of people affected").FillAsync("Pupils");
        await file.GetByLabel("Approximate number of people affected").FillAsync("30");
        await file.GetByLabel("DPO's name and contact details").FillAsync("Dana Whitfield, dpo@sil.test");
        await file.GetByLabel("Likely consequences").FillAsync("Possible identity misuse.");
        await file.GetByLabel("Measures taken or proposed").FillAsync("Accounts reset; police told.");
        await file.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The ICO filing has been recorded.");
        await Assertions.Expect(page.GetByTestId("ico-duty")).ToHaveTextAsync("Reported on time");
        await Assertions.Expect(page.GetByTestId("ico-countdown")).ToHaveCountAsync(0);
        await CheckPageAsync(page, "c-09-reported");

        await page.GotoAsync("/triage");
        await Assertions.Expect(page.GetByTestId("queue").Locator("tbody tr").Filter(new() { HasText = reference }).GetByTestId("queue-duty")).ToHaveTextAsync("Reported on time");
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task The_dpo_suspends_mersey_vales_agreement_and_the_page_shows_it_suspended_with_sharing_not_allowed()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "d-01-staff-sign-in");
        var reference = await ReportAsync(staff, "Pupil data sent to the wrong parent again", "d");

        var page = await NewPageAsync();
        await SignInAsync(page, Dpo, "d-04-dpo-sign-in");
        await page.GotoAsync("/agreements");
        await CheckPageAsync(page, "d-05-agreements");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mersey Vale Primary School" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("agreement-status")).ToHaveTextAsync("Active");
        await Assertions.Expect(page.GetByTestId("sharing")).ToContainTextAsync("Sharing is allowed");
        await CheckPageAsync(page, "d-06-agreement");

        // Without a linked incident the form says so.
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Two breaches in a week");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Link at least one incident");
        await Assertions.Expect(page.GetByLabel("Reason", new() { Exact = true })).ToHaveValueAsync("Two breaches in a week");
        await CheckPageAsync(page, "d-07-suspend-errors");

        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^" + reference)).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        // Check your answers before the red button.
        await Assertions.Expect(page.GetByTestId("suspend-answers")).ToContainTextAsync(reference);
        await page.GetByRole(AriaRole.Button, new() { Name = "Suspend the agreement" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("agreement-status")).ToHaveTextAsync("Suspended");
        await Assertions.Expect(page.GetByTestId("sharing")).ToContainTextAsync("Sharing is not allowed");
        await Assertions.Expect(page.GetByTestId("suspensions")).ToContainTextAsync(reference);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Lift the suspension" })).ToBeVisibleAsync();
        await CheckPageAsync(page, "d-08-suspended");
    }

    [Fact]
    public async Task A_summary_with_a_script_tag_shows_as_text_and_runs_nothing()
    {
        const string Script = "<script>alert(1)</script>";
        var page = await NewPageAsync();
        await SignInAsync(page, MerseyValeStaff, "e-01-sign-in");
        await ReportAsync(page, Script, "e");

        await page.GetByRole(AriaRole.Link, new() { Name = "View the incident" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("summary")).ToHaveTextAsync(Script);
        await CheckPageAsync(page, "e-04-incident");
        await page.GotoAsync("/incidents");
        await Assertions.Expect(page.GetByTestId("incidents")).ToContainTextAsync(Script);
        await CheckPageAsync(page, "e-05-our-incidents");

        var dpo = await NewPageAsync();
        await SignInAsync(dpo, Dpo, "e-06-dpo-sign-in");
        await dpo.GotoAsync("/triage");
        await Assertions.Expect(dpo.GetByTestId("queue")).ToContainTextAsync(Script);
        await CheckPageAsync(dpo, "e-07-triage-queue");
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task The_dpo_assigns_decides_to_tell_the_people_affected_and_records_the_ico_filing_and_the_notice()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "f-01-staff-sign-in");
        var reference = await ReportAsync(staff, "Safeguarding notes posted to the wrong family", "f");

        var page = await NewPageAsync();
        await SignInAsync(page, Dpo, "f-04-dpo-sign-in");
        await page.GotoAsync("/triage");
        await page.GetByTestId("queue").GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(reference);
        // Before a decision to report there is nothing to file, and the task list says why.
        await Assertions.Expect(page.GetByTestId("task-ico-report")).ToContainTextAsync("After a decision to report it.");
        await Assertions.Expect(page.GetByTestId("task-ico-report")).ToContainTextAsync("Cannot start yet");
        await Assertions.Expect(page.GetByTestId("task-people-affected")).ToContainTextAsync("Cannot start yet");
        await CheckPageAsync(page, "f-05-incident");

        // Triage, assigning it to SIL's DPO.
        await page.GetByRole(AriaRole.Link, new() { Name = "Triage: classify and assign" }).ClickAsync();
        await page.GetByLabel("Personal data breach").CheckAsync();
        await page.GetByLabel("Assign to").SelectOptionAsync(new SelectOptionValue { Label = "Dana Whitfield" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The triage has been saved.");
        await Assertions.Expect(page.GetByTestId("assessment")).ToContainTextAsync("Dana Whitfield");
        await page.GetByRole(AriaRole.Link, new() { Name = "Triage: classify and assign" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Assign to").Locator("option:checked")).ToHaveTextAsync("Dana Whitfield");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back" }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Decide whether to report to the ICO" }).ClickAsync();
        var decide = page.Locator("form");
        await decide.Locator("#Input_PersonalData").CheckAsync();
        await decide.Locator("#Input_RiskLikely").CheckAsync();
        await decide.Locator("#Input_HighRisk").CheckAsync();
        await decide.GetByLabel("Report to the ICO and tell the people affected", new() { Exact = true }).CheckAsync();
        await decide.GetByLabel("Reasons for the decision").FillAsync("Safeguarding information about children: a high risk to them.");
        await decide.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("outcome")).ToHaveTextAsync("Report to the ICO and tell the people affected");
        await CheckPageAsync(page, "f-06-decided");

        // A filing sent with errors: the error summary links to the fields and what was typed is kept.
        await page.GetByRole(AriaRole.Link, new() { Name = "Report to the ICO", Exact = true }).ClickAsync();
        var filingButton = page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" });
        var filing = page.Locator("form").Filter(new() { Has = filingButton });
        // Pre-filled from the record and the signed-in DPO; the DPO confirms or edits.
        await Assertions.Expect(filing.GetByLabel("Nature of the breach")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("A spreadsheet with the names and UPNs"));
        await Assertions.Expect(filing.GetByLabel("DPO's name and contact details")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("dpo@sil\\.test"));
        await filing.GetByLabel("Nature of the breach").FillAsync(string.Empty);
        await filing.GetByLabel("ICO case reference").FillAsync("IC-000123-X1Y2");
        await filingButton.ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("There is a problem");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Enter when it was submitted to the ICO." })).ToHaveAttributeAsync("href", "#Input_SubmittedDay");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Describe the nature of the breach." })).ToHaveAttributeAsync("href", "#Input_Nature");
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Error: "));
        await Assertions.Expect(filing.GetByLabel("ICO case reference")).ToHaveValueAsync("IC-000123-X1Y2");
        await CheckPageAsync(page, "f-07-filing-errors");

        var submitted = LondonTime.ToLondon(DateTimeOffset.UtcNow.AddMinutes(-10));
        await filing.GetByLabel("Day", new() { Exact = true }).FillAsync(submitted.Day.ToString(CultureInfo.InvariantCulture));
        await filing.GetByLabel("Month", new() { Exact = true }).FillAsync(submitted.Month.ToString(CultureInfo.InvariantCulture));
        await filing.GetByLabel("Year", new() { Exact = true }).FillAsync(submitted.Year.ToString(CultureInfo.InvariantCulture));
        await filing.GetByLabel("Time (24-hour)").FillAsync(submitted.ToString("HH:mm", CultureInfo.InvariantCulture));
        await filing.GetByLabel("Initial report").CheckAsync();
        await filing.GetByLabel("Nature of the breach").FillAsync("Safeguarding notes about one pupil were posted to another family.");
        await filing.GetByLabel("Categories of people affected").FillAsync("Pupils and their parents");
        await filing.GetByLabel("Approximate number of people affected").FillAsync("3");
        await filing.GetByLabel("DPO's name and contact details").FillAsync("Dana Whitfield, dpo@sil.test");
        await filing.GetByLabel("Likely consequences").FillAsync("Distress; risk to the pupil's safety.");
        await filing.GetByLabel("Measures taken or proposed").FillAsync("The family returned the letter; post is now checked by two people.");
        await filingButton.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The ICO filing has been recorded.");
        await Assertions.Expect(page.GetByTestId("filings")).ToContainTextAsync("Initial report, ICO case IC-000123-X1Y2");
        await CheckPageAsync(page, "f-08-filed");

        // Telling the people affected.
        await page.GetByRole(AriaRole.Link, new() { Name = "Tell the people affected (Article 34)" }).ClickAsync();
        var noticeButton = page.GetByRole(AriaRole.Button, new() { Name = "Save and continue", Exact = true });
        var notice = page.Locator("form").Filter(new() { Has = noticeButton });
        var told = LondonTime.ToLondon(DateTimeOffset.UtcNow.AddMinutes(-5));
        await notice.GetByLabel("Day", new() { Exact = true }).FillAsync(told.Day.ToString(CultureInfo.InvariantCulture));
        await notice.GetByLabel("Month", new() { Exact = true }).FillAsync(told.Month.ToString(CultureInfo.InvariantCulture));
        await notice.GetByLabel("Year", new() { Exact = true }).FillAsync(told.Year.ToString(CultureInfo.InvariantCulture));
        await notice.GetByLabel("I do not know the time").CheckAsync();
        await notice.GetByLabel("Letter", new() { Exact = true }).CheckAsync();
        await notice.GetByLabel("How many people were told?").FillAsync("3");
        await noticeButton.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Telling the people affected has been recorded.");

        // The page shows both, and the audit trail has them.
        await Assertions.Expect(page.GetByTestId("filings")).ToContainTextAsync("IC-000123-X1Y2");
        await Assertions.Expect(page.GetByTestId("notices")).ToContainTextAsync("3 people told by letter");
        await Assertions.Expect(page.GetByTestId("audit")).ToContainTextAsync("Recorded the initial report to the ICO.");
        await Assertions.Expect(page.GetByTestId("audit")).ToContainTextAsync("Recorded that 3 people affected were told (letter).");
        await CheckPageAsync(page, "f-09-told");
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task The_dpos_dashboard_counts_open_incidents_and_charts_the_last_twelve_months()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "g-01-staff-sign-in");
        await ReportAsync(staff, "Register left on the school minibus", "g");
        await ReportAsync(staff, "Exam results emailed to the whole class", "g-second");
        // Staff have no dashboard: the start takes them to their incidents.
        await staff.GotoAsync("/");
        await Assertions.Expect(staff).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/incidents$"));

        var page = await NewPageAsync();
        await SignInAsync(page, Dpo, "g-04-dpo-sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dashboard");
        await Assertions.Expect(page.GetByTestId("open-count")).ToContainTextAsync("2 open incidents");
        await Assertions.Expect(page.GetByTestId("overdue-count")).ToContainTextAsync("0 overdue");
        await Assertions.Expect(page.GetByTestId("by-status").Locator("tr", new() { HasText = "Reported" })).ToContainTextAsync("2");
        await Assertions.Expect(page.GetByTestId("by-status").Locator("tr", new() { HasText = "Triaged" })).ToContainTextAsync("0");
        await Assertions.Expect(page.GetByTestId("by-kind").Locator("tr", new() { HasText = "Breach of confidentiality" })).ToContainTextAsync("2");

        // The chart's text alternative: a table of the 12 months, this month with the two reports.
        var months = page.GetByTestId("by-month");
        await Assertions.Expect(months.Locator("tbody tr")).ToHaveCountAsync(12);
        var thisMonth = LondonTime.ToLondon(DateTimeOffset.UtcNow).ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        await Assertions.Expect(months.Locator("tbody tr").Last).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^\\s*{thisMonth}\\s*2\\s*$"));
        await Assertions.Expect(page.GetByTestId("chart").Locator(".app-bar--w100")).ToHaveCountAsync(1);
        await CheckPageAsync(page, "g-05-dashboard");
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task An_officer_changes_their_password_and_stays_signed_in_at_desktop_and_phone_widths()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, "officer@brambledown.test", "p-01-sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change your password" })).ToBeVisibleAsync();
        await CheckPageAsync(page, "p-02-change-password");

        await page.GetByLabel("Current password").FillAsync("not the password");
        await page.GetByLabel("New password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary li")).ToHaveCountAsync(2);
        await CheckPageAsync(page, "p-03-change-password-errors");
        await page.SetViewportSizeAsync(375, 800);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 375"), "The change-password page scrolls sideways at 375 px.");
        await Browser.ScreenshotAsync(page, "p-04-change-password-errors-375");

        await page.GetByLabel("Current password").FillAsync(IncidentsApp.DemoPassword);
        await page.GetByLabel("New password").FillAsync("three unrelated words here");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your password has been changed")).ToBeVisibleAsync();
        await CheckPageAsync(page, "p-05-password-changed-375");
        await page.GotoAsync("/incidents");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/incidents$"));
    }

    [Fact]
    public async Task The_dpo_exports_the_register_filtered_and_reads_the_governors_summary()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "h-01-staff-sign-in");
        var reference = await ReportAsync(staff, "=1+1 in a summary", "h");

        var page = await NewPageAsync();
        await SignInAsync(page, Dpo, "h-04-dpo-sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Register", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Export the breach register");
        await CheckPageAsync(page, "h-05-export");

        await page.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Breach of confidentiality" });
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the register" }).ClickAsync());
        Assert.Matches(@"^breach-register-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("Reference,Kind,State", csv.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(reference, csv, StringComparison.Ordinal);
        Assert.Contains("'=1+1 in a summary", csv, StringComparison.Ordinal);

        // A date that does not exist: the form comes back with the error, linked to the field.
        await page.GetByLabel("Day").First.FillAsync("31");
        await page.GetByLabel("Month").First.FillAsync("2");
        await page.GetByLabel("Year").First.FillAsync("2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Download the register" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter a real date for the start of the period");
        await CheckPageAsync(page, "h-06-export-error");

        await page.GotoAsync("/register/summary");
        await Assertions.Expect(page.GetByTestId("by-kind").Locator("tr", new() { HasText = "Breach of confidentiality" })).ToContainTextAsync("1");
        await Assertions.Expect(page.GetByTestId("by-kind-chart").Locator(".app-bar--w100")).ToHaveCountAsync(1);
        await CheckPageAsync(page, "h-07-governors-summary");
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task Staff_attach_evidence_through_the_form_see_its_sha256_and_a_renamed_program_is_refused()
    {
        var page = await NewPageAsync();
        await SignInAsync(page, MerseyValeStaff, "i-01-sign-in");
        var reference = await ReportAsync(page, "Evidence of a breach", "i");
        await page.GotoAsync("/incidents");
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await CheckPageAsync(page, "i-04-incident-with-evidence-form");

        // 2 MiB: over the 1 MiB every other request is held to, under Attachments:MaxBytes.
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n").Concat(new byte[2 * 1024 * 1024]).ToArray();
        await page.GetByLabel("Attach a file").SetInputFilesAsync(new FilePayload { Name = "parent's letter.pdf", MimeType = "application/pdf", Buffer = pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Attach the file" }).ClickAsync();
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf));
        await Assertions.Expect(page.GetByTestId("done")).ToContainTextAsync(sha256);
        await Assertions.Expect(page.GetByTestId("sha256")).ToHaveTextAsync(sha256);
        await CheckPageAsync(page, "i-05-evidence-attached");

        await page.GetByLabel("Attach a file").SetInputFilesAsync(new FilePayload { Name = "invoice.pdf", MimeType = "application/pdf", Buffer = [0x4D, 0x5A, 0x90, 0x00, 0x03] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Attach the file" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("The selected file must be a PDF");
        await Assertions.Expect(summary.GetByRole(AriaRole.Link)).ToHaveAttributeAsync("href", "#Upload");
        await CheckPageAsync(page, "i-06-evidence-refused");
        await Assertions.Expect(page.GetByTestId("sha256")).ToHaveCountAsync(1);
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task The_case_report_prints_to_an_a4_pdf_with_the_reference_on_page_one()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "j-01-sign-in");
        var reference = await ReportAsync(staff, "Register printed to PDF", "j");

        var page = await NewPageAsync();
        await SignInAsync(page, Dpo, "j-04-dpo-sign-in");
        await page.GotoAsync("/incidents");
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await page.GetByTestId("case-report-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reference")).ToHaveTextAsync(reference);
        await Assertions.Expect(page.GetByTestId("timeline")).ToContainTextAsync("Reported the incident.");
        await CheckPageAsync(page, "j-05-case-report");

        var whole = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        var first = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, PageRanges = "1" });
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "TestResults", "case-report.pdf"), whole);

        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(whole, 0, 5), StringComparison.Ordinal);
        Assert.True(PdfText.PageCount(whole) >= 2, "The timeline starts on a page of its own.");
        Assert.Equal(1, PdfText.PageCount(first));
        Assert.True(PdfText.Contains(first, reference), $"Page 1 of the PDF does not show {reference}.");
        Assert.True(PdfText.Contains(first, "Register printed to PDF"));
        Assert.False(PdfText.Contains(first, "Sign out"), "The service header is not printed.");
        // The check reads pages, not the whole file: the timeline is in the document, after the page break.
        Assert.True(PdfText.Contains(whole, "Reported the incident."));
        Assert.False(PdfText.Contains(first, "Reported the incident."));
    }

    [Fact]
    public async Task The_dpo_edits_a_notice_template_sees_where_it_is_wrong_previews_it_with_a_real_incident_and_saves_it()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "k-01-staff-sign-in");
        var reference = await ReportAsync(staff, "Class list <b>emailed</b> to the wrong parent", "h");

        var page = await NewPageAsync();
        await SignInAsync(page, Dpo, "k-04-dpo-sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Notice templates", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("templates")).ToContainTextAsync("Receipt to the reporter");
        await CheckPageAsync(page, "k-05-templates");

        await page.GetByRole(AriaRole.Link, new() { Name = "Incident reported (to the officers and the DPO)" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("fields")).ToContainTextAsync("incident.description");
        await CheckPageAsync(page, "k-06-template");

        var body = page.GetByLabel("Body", new() { Exact = true });
        var original = await body.InputValueAsync();
        await body.FillAsync(original + "\n{% if incident.is_breach %}\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("line");
        await CheckPageAsync(page, "k-07-template-error");

        await page.GetByLabel("Body", new() { Exact = true }).FillAsync(original + "\n## What happened\n\n{{ incident.description }}\n");
        await page.GetByLabel("Preview with incident (optional)").FillAsync(reference);
        await page.GetByLabel("Preview as").SelectOptionAsync("Dpo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-subject")).ToContainTextAsync(reference);
        await Assertions.Expect(page.GetByTestId("preview-html")).ToContainTextAsync("clause 11.5");
        await Assertions.Expect(page.GetByTestId("preview-html")).ToContainTextAsync("Class list <b>emailed</b> to the wrong parent");
        await Assertions.Expect(page.GetByTestId("preview-text")).ToContainTextAsync("A spreadsheet with the names and UPNs");
        await CheckPageAsync(page, "k-08-template-preview");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("saved")).ToContainTextAsync("Saved as version 1");
        await CheckPageAsync(page, "k-09-template-saved");
        Assert.Empty(_dialogs);
    }
}
