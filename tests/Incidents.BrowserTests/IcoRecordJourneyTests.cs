using System.Globalization;
using Incidents.BrowserTests.Support;
using Incidents.Domain.Common;
using Microsoft.Playwright;

namespace Incidents.BrowserTests;

/// <summary>Issue 11's journey: a breach discovered yesterday is on the clock from the discovery; after a decision to
/// report the report is still owed; filed in time it is reported on time; the DPO fills in the facts the ICO asks for
/// and the ICO summary has no gaps, and prints on A4 with the reference on page 1. Screenshots start "t".</summary>
public sealed class IcoRecordJourneyTests : JourneyBase
{
    [Fact]
    public async Task Discovered_yesterday_decided_filed_on_time_facts_filled_and_the_summary_has_no_gaps()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "t-01-staff-sign-in");
        await staff.GotoAsync("/incidents/report");
        var discovered = LondonTime.ToLondon(DateTimeOffset.UtcNow.AddDays(-1));
        await staff.GetByLabel("Breach of confidentiality").CheckAsync();
        await staff.GetByLabel("Day", new() { Exact = true }).FillAsync(discovered.Day.ToString(CultureInfo.InvariantCulture));
        await staff.GetByLabel("Month", new() { Exact = true }).FillAsync(discovered.Month.ToString(CultureInfo.InvariantCulture));
        await staff.GetByLabel("Year", new() { Exact = true }).FillAsync(discovered.Year.ToString(CultureInfo.InvariantCulture));
        await staff.GetByLabel("Time (24-hour)").FillAsync(discovered.ToString("HH:mm", CultureInfo.InvariantCulture));
        await staff.GetByLabel("Summary", new() { Exact = true }).FillAsync("Year 4 class list emailed to the wrong parent");
        await staff.GetByLabel("What happened?").FillAsync("A spreadsheet with the names and UPNs of a Year 4 class was sent to one parent.");
        await staff.GetByLabel("Names", new() { Exact = true }).CheckAsync();
        await staff.GetByLabel("Unique pupil numbers (UPN)").CheckAsync();
        await staff.GetByLabel("Approximately how many people are affected?").FillAsync("28");
        await staff.GetByLabel("What has been done to contain it? (optional)").FillAsync("Asked the parent to delete it; they confirmed by phone.");

        // What the ICO will ask that the reporter knows.
        await staff.GetByRole(AriaRole.Group, new() { Name = "When did it happen?" }).GetByLabel("At a known time").CheckAsync();
        var happened = discovered.AddHours(-1);
        await staff.GetByLabel("Day it happened").FillAsync(happened.Day.ToString(CultureInfo.InvariantCulture));
        await staff.GetByLabel("Month it happened").FillAsync(happened.Month.ToString(CultureInfo.InvariantCulture));
        await staff.GetByLabel("Year it happened").FillAsync(happened.Year.ToString(CultureInfo.InvariantCulture));
        await staff.GetByLabel("Time it happened, 24-hour").FillAsync(happened.ToString("HH:mm", CultureInfo.InvariantCulture));
        await staff.GetByLabel("How was it discovered?").FillAsync("The parent phoned the school office.");
        await staff.GetByLabel("The role of the member of staff involved").FillAsync("Class teacher");
        await staff.GetByRole(AriaRole.Group, new() { Name = "Had they had data protection training?" }).GetByLabel("Yes").CheckAsync();
        await staff.GetByLabel("Day they were trained").FillAsync("3");
        await staff.GetByLabel("Month they were trained").FillAsync("9");
        await staff.GetByLabel("Year they were trained").FillAsync(discovered.Month >= 9 ? discovered.Year.ToString(CultureInfo.InvariantCulture) : (discovered.Year - 1).ToString(CultureInfo.InvariantCulture));
        await staff.GetByLabel("Pupils", new() { Exact = true }).CheckAsync();
        await staff.GetByLabel("Approximately how many records are involved?").FillAsync("28");
        await staff.GetByLabel("What could happen to the people affected?").FillAsync("Low risk: names and UPNs of one class, seen by one parent.");
        await staff.GetByLabel("What protections were in place before it happened?").FillAsync("Outlook warns before sending outside the school.");
        await CheckPageAsync(staff, "t-02-report-form");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Incident reported" })).ToBeVisibleAsync();
        var reference = (await staff.GetByTestId("reference").TextContentAsync())!.Trim();

        // The queue shows the deadline 72 hours after the discovery (to the minute typed), not after the report.
        var typed = new DateTime(discovered.Year, discovered.Month, discovered.Day, discovered.Hour, discovered.Minute, 0, DateTimeKind.Unspecified);
        var deadline = LondonTime.Format(LondonTime.FromLondonWallClock(typed).AddHours(72));
        var page = await NewPageAsync();
        await SignInAsync(page, Dpo, "t-03-dpo-sign-in");
        await page.GotoAsync("/triage");
        var row = page.GetByTestId("queue").Locator("tbody tr").Filter(new() { HasText = reference });
        await Assertions.Expect(row).ToContainTextAsync(deadline);
        await Assertions.Expect(row.GetByTestId("queue-duty")).ToHaveTextAsync("Decision owed");
        await CheckPageAsync(page, "t-04-queue-decision-owed");

        // The incident page is a task list (issue 14): triage, then the decision, each on its own page.
        await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Triage: classify and assign" }).ClickAsync();
        await page.GetByLabel("Personal data breach").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The triage has been saved.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Decide whether to report to the ICO" }).ClickAsync();
        // The risk questions are nested under the "Yes" before them (shown without JavaScript): answer them by id.
        await page.Locator("#Input_PersonalData").CheckAsync();
        await page.Locator("#Input_RiskLikely").CheckAsync();
        await page.Locator("#Input_HighRisk-2").CheckAsync();
        await page.GetByLabel("Report to the ICO", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Reasons for the decision").FillAsync("UPNs of 28 children sent outside the school.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The decision has been recorded.");
        // The facts task sits on the task list with how many answers the ICO summary still lacks.
        await Assertions.Expect(page.GetByTestId("task-facts")).ToContainTextAsync("still missing");

        await page.GotoAsync("/triage");
        row = page.GetByTestId("queue").Locator("tbody tr").Filter(new() { HasText = reference });
        await Assertions.Expect(row.GetByTestId("queue-duty")).ToHaveTextAsync("Report to the ICO owed");
        await Assertions.Expect(row).ToContainTextAsync(deadline);
        await CheckPageAsync(page, "t-05-queue-report-owed");
        await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Report to the ICO", Exact = true }).ClickAsync();

        // The filing form starts from the record: the people, their number, the consequences and the measures.
        var file = page.Locator("form").Filter(new() { Has = page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }) });
        await Assertions.Expect(file.GetByLabel("Categories of people affected")).ToHaveValueAsync("Pupils");
        await Assertions.Expect(file.GetByLabel("Approximate number of people affected")).ToHaveValueAsync("28");
        await Assertions.Expect(file.GetByLabel("Approximate number of records affected (optional)")).ToHaveValueAsync("28");
        await Assertions.Expect(file.GetByLabel("Likely consequences")).ToHaveValueAsync("Low risk: names and UPNs of one class, seen by one parent.");
        await Assertions.Expect(file.GetByLabel("Measures taken or proposed")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Outlook warns before sending"));
        var submitted = LondonTime.ToLondon(DateTimeOffset.UtcNow.AddMinutes(-5));
        await file.Locator("#Input_SubmittedDay").FillAsync(submitted.Day.ToString(CultureInfo.InvariantCulture));
        await file.Locator("#Input_SubmittedMonth").FillAsync(submitted.Month.ToString(CultureInfo.InvariantCulture));
        await file.Locator("#Input_SubmittedYear").FillAsync(submitted.Year.ToString(CultureInfo.InvariantCulture));
        await file.Locator("#Input_SubmittedTime").FillAsync(submitted.ToString("HH:mm", CultureInfo.InvariantCulture));
        await file.GetByLabel("ICO case reference").FillAsync("IC-654321-Z9Y8");
        await file.GetByLabel("Initial report").CheckAsync();
        await file.GetByLabel("DPO's name and contact details").FillAsync("Dana Whitfield, dpo@sil.test");
        await file.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The ICO filing has been recorded.");
        await Assertions.Expect(page.GetByTestId("ico-duty")).ToHaveTextAsync("Reported on time");

        await page.GotoAsync("/triage");
        await Assertions.Expect(page.GetByTestId("queue").Locator("tbody tr").Filter(new() { HasText = reference }).GetByTestId("queue-duty")).ToHaveTextAsync("Reported on time");
        await page.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();

        // Before the DPO's facts, the summary says what is missing.
        await page.GetByTestId("ico-summary-link").ClickAsync();
        await Assertions.Expect(page.GetByTestId("missing-list")).ToContainTextAsync("Whether the people affected were told, or will be");
        await CheckPageAsync(page, "t-06-summary-with-gaps");

        await page.GetByRole(AriaRole.Link, new() { Name = "Fill in the facts the ICO asks for" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Facts the ICO asks for");
        await Assertions.Expect(page.GetByLabel("The role of the member of staff involved")).ToHaveValueAsync("Class teacher");
        await page.GetByRole(AriaRole.Group, new() { Name = "Have the people affected been told?" }).GetByLabel("They will be told").CheckAsync();
        // A planned date is needed: the page says so against the field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the facts" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter when the people affected will be told.");
        await CheckPageAsync(page, "t-07-facts-error");
        var planned = LondonTime.ToLondon(DateTimeOffset.UtcNow.AddDays(2));
        await page.GetByLabel("Day they were or will be told").FillAsync(planned.Day.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Month they were or will be told").FillAsync(planned.Month.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Year they were or will be told").FillAsync(planned.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("No other organisation has been told").CheckAsync();
        await CheckPageAsync(page, "t-08-facts");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the facts" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("reference")).ToHaveTextAsync(reference);
        var id = page.Url.Split('/')[^2];
        await Assertions.Expect(page.GetByTestId("missing-none")).ToContainTextAsync("Nothing is missing");
        await Assertions.Expect(page.GetByTestId("missing-list")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-field=peopleTold] dd")).ToContainTextAsync($"They will be told by {planned.Day} ");
        await CheckPageAsync(page, "t-09-summary-complete");

        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, PageRanges = "1" });
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults"));
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "TestResults", "ico-summary.pdf"), pdf);
        Assert.Equal(1, PdfText.PageCount(pdf));
        Assert.True(PdfText.Contains(pdf, reference), $"Page 1 of the PDF does not show {reference}.");
        Assert.False(PdfText.Contains(pdf, "Sign out"), "The service header is not printed.");

        // The reporter adds a dated update; the original report stays.
        await staff.GotoAsync("/incidents");
        await staff.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await staff.GetByRole(AriaRole.Link, new() { Name = "Dated updates (0)" }).ClickAsync();
        await staff.GetByLabel("What it corrects or adds to (optional)").FillAsync("Number of people affected");
        await staff.GetByLabel("Your update").FillAsync("It was 29 pupils: one joined the class last week.");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Add the update" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your update has been added.");
        await Assertions.Expect(staff.GetByTestId("updates")).ToContainTextAsync("It was 29 pupils");
        await CheckPageAsync(staff, "t-10-updates");

        // On a phone (375 px) the new pages fit without sideways scrolling.
        foreach (var (who, path, name) in new[] { (page, $"/incidents/{id}/ico-summary", "t-11-summary-375"), (page, $"/incidents/{id}/facts", "t-12-facts-375"), (staff, "/incidents/report", "t-13-report-form-375") })
        {
            await who.SetViewportSizeAsync(375, 800);
            await who.GotoAsync(path);
            await CheckPageAsync(who, name);
            var width = await who.EvaluateAsync<int>("document.documentElement.scrollWidth");
            Assert.True(width <= 375, $"{path} is {width} px wide at 375 px.");
        }

        Assert.Empty(_dialogs);
    }
}
