using System.Security.Cryptography;
using Incidents.Application.Common.Interfaces;
using Incidents.BrowserTests.Support;
using Incidents.Domain.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Incidents.BrowserTests;

/// <summary>Issue 15 journeys not covered elsewhere: the register as an Excel workbook, evidence downloaded from an
/// incident and attached to a suspension, and the DPO's retention review (keep one record, delete another). Every page
/// at 1280 and 375 pixels: axe (0 serious or critical), a screenshot, and no sideways scroll on the phone. Prefix "y".
/// (The CSV export, the upload on an incident and the case report printed to PDF are in <see cref="JourneyTests"/>.)</summary>
public sealed class EvidenceJourneyTests : JourneyBase
{
    private static readonly byte[] Pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task The_dpo_downloads_the_register_as_an_excel_workbook()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "y-01-staff-sign-in");
        var reference = await ReportAsync(staff, "=1+1 in a workbook", "y");

        var page = await NewPageAsync();
        await SignInAsync(page, Dpo, "y-04-dpo-sign-in");
        await page.GotoAsync("/register/export");
        await CheckBothAsync(page, "y-05-export");
        await page.GetByLabel("Excel workbook (XLSX)").CheckAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download the register" }).ClickAsync());

        Assert.Matches(@"^breach-register-\d{4}-\d{2}-\d{2}\.xlsx$", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        using var sheet = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = await sheet.ReadToEndAsync();
        Assert.Contains(reference, xml, StringComparison.Ordinal);
        Assert.Contains("=1+1 in a workbook", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task Evidence_on_an_incident_downloads_as_sent_and_the_dpo_attaches_evidence_to_a_suspension()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "y-11-staff-sign-in");
        var reference = await ReportAsync(staff, "Evidence to download", "y-1");
        await staff.GotoAsync("/incidents");
        await staff.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await staff.GetByLabel("Attach a file").SetInputFilesAsync(new FilePayload { Name = "letter.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await staff.GetByRole(AriaRole.Button, new() { Name = "Attach the file" }).ClickAsync();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        await Assertions.Expect(staff.GetByTestId("sha256")).ToHaveTextAsync(sha256);
        await CheckBothAsync(staff, "y-12-incident-evidence");
        var download = await staff.RunAndWaitForDownloadAsync(() => staff.GetByRole(AriaRole.Link, new() { Name = "letter.pdf" }).ClickAsync());
        Assert.Equal("letter.pdf", download.SuggestedFilename);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync((await download.PathAsync())!))));

        // The DPO suspends the agreement on that incident, then adds a file of evidence to the suspension.
        var page = await NewPageAsync();
        await SignInAsync(page, Dpo, "y-13-dpo-sign-in");
        await page.GotoAsync("/agreements");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mersey Vale Primary School" }).ClickAsync();
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Pupil data sent to the wrong parent twice in a week");
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^" + reference)).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Suspend the agreement" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("agreement-status")).ToHaveTextAsync("Suspended");
        await page.GetByTestId("suspension-evidence-link").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Evidence for the suspension");
        await CheckBothAsync(page, "y-14-suspension-evidence");

        var emails = System.Text.Encoding.UTF8.GetBytes("From: head@merseyvale.test\r\nTo: parent@example.test\r\nSubject: Class list\r\n\r\nAttached.\r\n");
        await page.GetByLabel("Attach a file").SetInputFilesAsync(new FilePayload { Name = "the email sent.eml", MimeType = "message/rfc822", Buffer = emails });
        await page.GetByRole(AriaRole.Button, new() { Name = "Attach the file" }).ClickAsync();
        var emailHash = Convert.ToHexStringLower(SHA256.HashData(emails));
        await Assertions.Expect(page.GetByTestId("done")).ToContainTextAsync(emailHash);
        await Assertions.Expect(page.GetByTestId("sha256")).ToHaveTextAsync(emailHash);
        await CheckBothAsync(page, "y-15-suspension-evidence-attached");
        var saved = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "the email sent.eml" }).ClickAsync());
        Assert.Equal(emails, await File.ReadAllBytesAsync((await saved.PathAsync())!));

        // A program renamed .pdf is refused, against the field.
        await page.GetByLabel("Attach a file").SetInputFilesAsync(new FilePayload { Name = "invoice.pdf", MimeType = "application/pdf", Buffer = [0x4D, 0x5A, 0x90, 0x00, 0x03] });
        await page.GetByRole(AriaRole.Button, new() { Name = "Attach the file" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("The selected file must be a PDF");
        await CheckBothAsync(page, "y-16-suspension-evidence-refused");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the agreement" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("suspension-evidence-link")).ToContainTextAsync("Files of evidence: 1");
        await CheckBothAsync(page, "y-17-agreement-with-evidence");
        Assert.Empty(_dialogs);
    }

    [Fact]
    public async Task The_dpo_keeps_one_due_record_with_a_reason_and_deletes_the_personal_data_of_another()
    {
        var staff = await NewPageAsync();
        await SignInAsync(staff, MerseyValeStaff, "y-21-staff-sign-in");
        var kept = await ReportAsync(staff, "A record still needed for a claim", "y-2");
        var deleted = await ReportAsync(staff, "A record past its retention date", "y-2");
        // Seeded by data: both closed seven years ago, so past the six-year rule.
        await CloseLongAgoAsync(kept, deleted);

        var page = await NewPageAsync();
        await SignInAsync(page, Dpo, "y-22-dpo-sign-in");
        await page.GotoAsync("/retention");
        await Assertions.Expect(page.GetByTestId("due")).ToContainTextAsync(kept);
        await Assertions.Expect(page.GetByTestId("due")).ToContainTextAsync(deleted);
        await CheckBothAsync(page, "y-23-retention-due");

        await page.GetByRole(AriaRole.Link, new() { Name = $"Review {kept}" }).ClickAsync();
        await CheckBothAsync(page, "y-24-retention-review");
        await page.GetByLabel("Keep it until a later date").CheckAsync();
        await page.GetByLabel("Day").FillAsync("1");
        await page.GetByLabel("Month").FillAsync("September");
        await page.GetByLabel("Year").FillAsync($"{DateTime.UtcNow.Year + 2}");
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("A claim about it is still open.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToBeVisibleAsync();
        await CheckBothAsync(page, "y-25-retention-kept");

        await page.GetByRole(AriaRole.Link, new() { Name = $"Review {deleted}" }).ClickAsync();
        await page.GetByLabel("Delete its personal data").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await CheckBothAsync(page, "y-26-retention-errors");
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync("Six years since closure; nothing outstanding.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("done")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync($"Review {deleted}");
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync($"Review {kept}");
        await CheckBothAsync(page, "y-27-retention-deleted");

        await page.GotoAsync("/incidents");
        await page.GetByRole(AriaRole.Link, new() { Name = deleted }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("A record past its retention date");
        await CheckBothAsync(page, "y-28-deleted-incident");
        Assert.Empty(_dialogs);
    }

    private async Task CloseLongAgoAsync(params string[] references)
    {
        using var scope = _app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<IIncidentsDb>();
        var closedAt = DateTimeOffset.UtcNow.AddYears(-7);
        var changed = await db.Incidents.Where(i => references.Contains(i.Reference)).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.Status, IncidentStatus.Closed)
            .SetProperty(i => i.ClosedAt, closedAt)
            .SetProperty(i => i.Decision, DecisionOutcome.RecordOnly));
        Assert.Equal(references.Length, changed);
    }
}
