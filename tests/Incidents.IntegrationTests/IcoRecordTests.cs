using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incidents.Application.Features.Incidents;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;

namespace Incidents.IntegrationTests;

/// <summary>The record answers what the ICO's breach form asks: the reporter's facts come in with the report, the
/// DPO completes and corrects them (audited, 409 on a stale version), anyone who may see the incident adds dated
/// updates, and the ICO summary lays it out in the form's order with the answers still missing.</summary>
public sealed class IcoRecordTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();
    private IncidentsApp _app = null!;

    public Task InitializeAsync()
    {
        _app = new IncidentsApp(_smtp);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task The_reporters_facts_are_kept_and_returned_and_the_summary_lists_what_is_missing()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var discovered = DateTimeOffset.UtcNow.AddHours(-5);
        var reported = await staff.ReportAsync(Report(discovered, new
        {
            happened = "Range",
            happenedFrom = discovered.AddDays(-2),
            happenedTo = discovered.AddDays(-1),
            howDiscovered = "The parent phoned the office.",
            staffRole = "Class teacher",
            staffTraining = "Yes",
            staffTrainedOn = "2026-09-03",
            peopleCategories = new[] { "Pupils", "ParentsCarers" },
            approximateRecords = 30,
            likelyConsequences = "Distress; the UPNs could be misused.",
            measuresBefore = "Email warns on external recipients.",
        }));

        var incident = await staff.GetIncidentAsync(reported.Id);
        Assert.Equal(0, incident.Version);
        var facts = incident.Facts!;
        Assert.Equal(HappenedAnswer.Range, facts.Happened);
        Assert.Equal("The parent phoned the office.", facts.HowDiscovered);
        Assert.Equal("Class teacher", facts.StaffRole);
        Assert.Equal(TrainingAnswer.Yes, facts.StaffTraining);
        Assert.Equal(new DateOnly(2026, 9, 3), facts.StaffTrainedOn);
        Assert.Equal(["Pupils", "ParentsCarers"], facts.PeopleCategories!);
        Assert.Equal(30, facts.ApproximateRecords);

        var summary = await staff.GetFromJsonAsync<IcoSummary>($"/api/incidents/{reported.Id}/ico-summary", Api.Json);
        Assert.Equal(reported.Reference, summary!.Reference);
        Assert.Equal(
            ["About the breach", "The personal data", "The people affected", "The consequences", "The measures", "Who was told", "Timing and lateness"],
            summary.Sections.Select(s => s.Title).ToList());
        // What the reporter knew is not missing; what only the DPO can answer is.
        Assert.Equal(["peopleTold", "organisationsTold", "decision"], summary.Missing.Select(m => m.Field).ToList());
        Assert.Contains(summary.Sections[2].Answers, a => a.Field == "peopleCategories" && a.Answer == "Pupils, Parents or carers");
    }

    [Fact]
    public async Task The_dpo_completes_the_facts_audited_with_a_stale_version_refused_and_then_nothing_is_missing()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var reported = await staff.ReportAsync(Report(DateTimeOffset.UtcNow.AddHours(-3), new { }));
        var version = (await dpo.GetIncidentAsync(reported.Id)).Version;

        // A member of staff may not record the DPO's facts.
        var forbidden = await staff.PutAsJsonAsync($"/api/incidents/{reported.Id}/facts", new { version });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var bad = await dpo.PutAsJsonAsync($"/api/incidents/{reported.Id}/facts", new
        {
            version,
            happened = "Range",
            happenedFrom = DateTimeOffset.UtcNow.AddDays(-1),
            peopleTold = "WillBeTold",
            organisationsTold = new[] { new { kind = "Other", toldOn = "2026-11-30" } },
            dataCategories = new[] { "Names", "Nonsense" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("happenedTo", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("peopleToldOn", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("organisationsTold[0].name", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("dataCategories[1]", out _), errors.ToString());

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var complete = new
        {
            version,
            happened = "Unknown",
            howDiscovered = "A parent rang.",
            staffRole = "Office manager",
            staffTraining = "No",
            peopleCategories = new[] { "Pupils" },
            approximateRecords = 28,
            likelyConsequences = "Low: names and UPNs only.",
            measuresBefore = "None for this mailbox.",
            organisationsTold = new[] { new { kind = "Police", name = (string?)null, toldOn = today.ToString("yyyy-MM-dd") } },
            peopleTold = "WillNotBeTold",
            peopleNotToldReason = "The risk to them is low; the parent deleted the email.",
            dataCategories = new[] { "Names", "Upn", "CriminalOffence" },
            approximateDataSubjects = 27,
        };
        var done = await dpo.PutAsJsonAsync($"/api/incidents/{reported.Id}/facts", complete);
        Assert.True(done.IsSuccessStatusCode, await done.Content.ReadAsStringAsync());

        // The same change against the old version is a conflict.
        var stale = await dpo.PutAsJsonAsync($"/api/incidents/{reported.Id}/facts", complete);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var incident = await dpo.GetIncidentAsync(reported.Id);
        Assert.Equal(27, incident.ApproximateDataSubjects);
        Assert.Contains("CriminalOffence", incident.DataCategories);
        Assert.Equal(OrganisationToldKind.Police, Assert.Single(incident.Facts!.OrganisationsTold!).Kind);
        var audit = await dpo.GetStringAsync($"/api/incidents/{reported.Id}/audit");
        Assert.Contains("IcoFactsRecorded", audit, StringComparison.Ordinal);

        // Decide, and the summary has no gaps.
        var decided = await dpo.PostAsJsonAsync($"/api/incidents/{reported.Id}/decision", new
        {
            version = incident.Version,
            personalDataOfLivingPeople = true,
            riskLikely = false,
            highRisk = false,
            outcome = "RecordOnly",
            rationale = "Names and UPNs of one class to one parent, deleted.",
        });
        Assert.True(decided.IsSuccessStatusCode, await decided.Content.ReadAsStringAsync());
        var summary = await dpo.GetFromJsonAsync<IcoSummary>($"/api/incidents/{reported.Id}/ico-summary", Api.Json);
        Assert.Empty(summary!.Missing);
        var personal = summary.Sections.Single(s => s.Title == "The personal data").Answers;
        Assert.Equal("Criminal convictions or offences (Article 10)", personal.Single(a => a.Field == "specialCategories").Answer);
        Assert.Equal("Yes", personal.Single(a => a.Field == "childrensData").Answer);
    }

    [Fact]
    public async Task Anyone_who_may_see_the_incident_adds_a_dated_update_the_report_stays_and_others_get_404()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var officer = await _app.SignInAsync("officer@sil.test");
        var otherSchool = await _app.SignInAsync("staff@brambledown.test");
        var reported = await staff.ReportAsync(Report(DateTimeOffset.UtcNow.AddHours(-3), new { }));
        var version = (await officer.GetIncidentAsync(reported.Id)).Version;

        var empty = await officer.PostAsJsonAsync($"/api/incidents/{reported.Id}/updates", new { version, note = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("\"note\"", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var added = await officer.PostAsJsonAsync($"/api/incidents/{reported.Id}/updates", new { version, about = "Number of people affected", note = "It was 31 pupils, not 28." });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var stale = await staff.PostAsJsonAsync($"/api/incidents/{reported.Id}/updates", new { version, note = "Another note." });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var hidden = await otherSchool.PostAsJsonAsync($"/api/incidents/{reported.Id}/updates", new { version = version + 1, note = "Not mine." });
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherSchool.GetAsync($"/api/incidents/{reported.Id}/ico-summary")).StatusCode);

        var incident = await staff.GetIncidentAsync(reported.Id);
        Assert.Equal(28, incident.ApproximateDataSubjects);
        var update = Assert.Single(incident.Updates!);
        Assert.Equal("It was 31 pupils, not 28.", update.Note);
        Assert.Equal("Number of people affected", update.About);
        Assert.Contains("UpdateAdded", await staff.GetStringAsync($"/api/incidents/{reported.Id}/audit"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_facts_on_a_report_are_field_errors_not_500s()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var response = await staff.PostAsJsonAsync("/api/incidents", Report(DateTimeOffset.UtcNow.AddHours(-3), new
        {
            happened = "Known",
            happenedFrom = DateTimeOffset.UtcNow.AddDays(2),
            peopleCategories = new[] { "Aliens" },
            approximateRecords = -1,
            staffRole = new string('x', 300),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "happenedFrom", "peopleCategories", "approximateRecords", "staffRole" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing from {errors}");
        }
    }

    [Fact]
    public async Task The_report_form_keeps_the_reporters_facts_and_shows_their_errors_against_the_fields()
    {
        var browser = await _app.SignInWithCookieAsync("staff@merseyvale.test");
        var discovered = LondonTime.ToLondon(DateTimeOffset.UtcNow.AddHours(-3));
        var fields = new Dictionary<string, string>
        {
            ["Input.Kind"] = "ConfidentialityBreach",
            ["Input.Counterparty"] = DemoData.SilId.ToString(),
            ["Input.DiscoveredDay"] = discovered.Day.ToString(CultureInfo.InvariantCulture),
            ["Input.DiscoveredMonth"] = discovered.Month.ToString(CultureInfo.InvariantCulture),
            ["Input.DiscoveredYear"] = discovered.Year.ToString(CultureInfo.InvariantCulture),
            ["Input.DiscoveredTime"] = discovered.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Input.Summary"] = "Class list emailed to the wrong parent",
            ["Input.Description"] = "A spreadsheet went to one parent.",
            ["Facts.Happened"] = "Known",
            ["Facts.FromDay"] = "31",
            ["Facts.FromMonth"] = "2",
            ["Facts.FromYear"] = "2026",
            ["Facts.StaffRole"] = "Class teacher",
            ["Facts.ApproximateRecords"] = "lots",
            ["Facts.PeopleCategories"] = "Pupils",
        };
        var refused = await browser.PostFormAsync("/incidents/report", fields);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("When it happened (or started) must be a real date", html, StringComparison.Ordinal);
        Assert.Contains("The number of records must be a whole number", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Facts_FromDay\"", html, StringComparison.Ordinal);
        // What was typed is kept.
        Assert.Contains("value=\"Class teacher\"", html, StringComparison.Ordinal);

        var happened = discovered.AddDays(-1);
        fields["Facts.FromDay"] = happened.Day.ToString(CultureInfo.InvariantCulture);
        fields["Facts.FromMonth"] = happened.Month.ToString(CultureInfo.InvariantCulture);
        fields["Facts.FromYear"] = happened.Year.ToString(CultureInfo.InvariantCulture);
        fields["Facts.ApproximateRecords"] = "1,200";
        // A date without a time is not silently midnight: the time is given, or explicitly not known.
        var noTime = await (await browser.PostFormAsync("/incidents/report", fields)).Content.ReadAsStringAsync();
        Assert.Contains("Enter a time, for example 14:30, or select", noTime, StringComparison.Ordinal);
        Assert.Contains("href=\"#Facts_FromTime\"", noTime, StringComparison.Ordinal);
        fields["Facts.FromTimeUnknown"] = "true";
        var sent = await browser.PostFormAsync("/incidents/report", fields);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var id = Guid.Parse(sent.Headers.Location!.OriginalString.Split('/')[2]);
        var incident = await browser.GetFromJsonAsync<IncidentDetails>($"/api/incidents/{id}", Api.Json);
        Assert.Equal(1200, incident!.Facts!.ApproximateRecords);
        Assert.Equal("Class teacher", incident.Facts.StaffRole);
        Assert.Equal(["Pupils"], incident.Facts.PeopleCategories!);
        Assert.Equal(HappenedAnswer.Known, incident.Facts.Happened);
        Assert.True(incident.Facts.HappenedFromTimeUnknown);
        Assert.Equal(LondonTime.FromLondonWallClock(happened.Date), incident.Facts.HappenedFrom);
        var summary = await browser.GetStringAsync($"/incidents/{id}/ico-summary");
        Assert.Contains($"{LondonTime.FormatDay(happened)} (time not known)", summary, StringComparison.Ordinal);
        Assert.DoesNotContain(LondonTime.Format(LondonTime.FromLondonWallClock(happened.Date)), summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_facts_page_is_the_dpos_shows_field_errors_and_a_stale_form_is_a_conflict()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var reported = await staff.ReportAsync(Report(DateTimeOffset.UtcNow.AddHours(-3), new { }));
        var staffPages = await _app.SignInWithCookieAsync("staff@merseyvale.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await staffPages.GetAsync($"/incidents/{reported.Id}/facts")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staffPages.GetAsync($"/incidents/{reported.Id}/ico-summary")).StatusCode);

        var dpo = await _app.SignInWithCookieAsync("dpo@sil.test");
        var page = await dpo.GetStringAsync($"/incidents/{reported.Id}/facts");
        Assert.Contains("Facts the ICO asks for", page, StringComparison.Ordinal);

        var invalid = await dpo.PostFormAsync($"/incidents/{reported.Id}/facts", new Dictionary<string, string>
        {
            ["Version"] = "0",
            ["Facts.PeopleTold"] = "WillBeTold",
            ["Facts.DataCategories"] = "Names",
        });
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Contains("Enter when the people affected will be told.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Facts_PeopleToldDay\"", html, StringComparison.Ordinal);

        var saved = await dpo.PostFormAsync($"/incidents/{reported.Id}/facts", new Dictionary<string, string>
        {
            ["Version"] = "0",
            ["Facts.HowDiscovered"] = "A parent <b>rang</b>.",
            ["Facts.DataCategories"] = "Names",
            ["Facts.ApproximateDataSubjects"] = "28",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/incidents/{reported.Id}/ico-summary", saved.Headers.Location!.OriginalString);
        var summary = await dpo.GetStringAsync($"/incidents/{reported.Id}/ico-summary");
        Assert.Contains("A parent &lt;b&gt;rang&lt;/b&gt;.", summary, StringComparison.Ordinal);
        Assert.Contains("answers are still missing", summary, StringComparison.Ordinal);

        var stale = await dpo.PostFormAsync($"/incidents/{reported.Id}/facts", new Dictionary<string, string> { ["Version"] = "0", ["Facts.HowDiscovered"] = "Overwritten?" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Someone else changed this first", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("A parent <b>rang</b>.", (await staff.GetIncidentAsync(reported.Id)).Facts!.HowDiscovered);
    }

    [Fact]
    public async Task The_facts_page_reads_each_organisation_told_and_links_each_date_error_to_its_first_wrong_box()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var discovered = DateTimeOffset.UtcNow.AddDays(-2);
        var reported = await staff.ReportAsync(Report(discovered, new { }));
        var dpo = await _app.SignInWithCookieAsync("dpo@sil.test");
        var page = await dpo.GetStringAsync($"/incidents/{reported.Id}/facts");
        // Each organisation's date is the one GOV.UK date input, with its own legend.
        Assert.Contains("When the police were told", page, StringComparison.Ordinal);
        Assert.Contains("id=\"Facts_Orgs_0__Day\"", page, StringComparison.Ordinal);

        var start = LondonTime.ToLondon(discovered).AddDays(-1);
        var fields = new Dictionary<string, string>
        {
            ["Version"] = "0",
            ["Facts.Happened"] = "Range",
            ["Facts.FromDay"] = start.Day.ToString(CultureInfo.InvariantCulture),
            ["Facts.FromMonth"] = start.ToString("MMMM", CultureInfo.InvariantCulture),
            ["Facts.FromYear"] = "26",
            ["Facts.FromTime"] = "09:30",
            ["Facts.ToDay"] = start.Day.ToString(CultureInfo.InvariantCulture),
            ["Facts.ToMonth"] = start.Month.ToString(CultureInfo.InvariantCulture),
            ["Facts.ToYear"] = start.Year.ToString(CultureInfo.InvariantCulture),
            ["Facts.ToTimeUnknown"] = "true",
            ["Facts.DataCategories"] = "Names",
            ["Facts.Orgs[0].Kind"] = "Police",
            ["Facts.Orgs[0].Day"] = "3",
            ["Facts.Orgs[0].Month"] = "Smarch",
            ["Facts.Orgs[0].Year"] = start.Year.ToString(CultureInfo.InvariantCulture),
            ["Facts.Orgs[1].Kind"] = "Insurer",
            ["Facts.Orgs[1].Name"] = "Mutual Schools Cover",
        };
        var refused = await dpo.PostFormAsync($"/incidents/{reported.Id}/facts", fields);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("<a href=\"#Facts_FromYear\">Year must include 4 numbers</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Facts_Orgs_0__Month\">When the police were told must be a real date</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Facts_Orgs_1__Day\">Enter when our insurers were told, for example 27 3 2026</a>", html, StringComparison.Ordinal);
        // Only the wrong box is marked, and what was typed is kept.
        Assert.Contains("govuk-input--error\" id=\"Facts_Orgs_0__Month\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-input--error\" id=\"Facts_Orgs_0__Day\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Smarch\"", html, StringComparison.Ordinal);

        fields["Facts.FromYear"] = start.Year.ToString(CultureInfo.InvariantCulture);
        fields["Facts.Orgs[0].Month"] = "Mar";
        fields["Facts.Orgs[0].Year"] = "2026";
        fields.Remove("Facts.Orgs[1].Name");
        var saved = await dpo.PostFormAsync($"/incidents/{reported.Id}/facts", fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var facts = (await staff.GetIncidentAsync(reported.Id)).Facts!;
        Assert.Equal(new OrganisationTold(OrganisationToldKind.Police, null, new DateOnly(2026, 3, 3)), Assert.Single(facts.OrganisationsTold!));
        Assert.False(facts.HappenedFromTimeUnknown);
        Assert.True(facts.HappenedToTimeUnknown);
        Assert.Equal(LondonTime.FromLondonWallClock(start.Date.AddHours(9.5)), facts.HappenedFrom);
        Assert.Equal(LondonTime.FromLondonWallClock(start.Date), facts.HappenedTo);

        // Reopened, the form shows the time as not known (ticked), not as 00:00.
        page = await dpo.GetStringAsync($"/incidents/{reported.Id}/facts");
        Assert.Matches("id=\"Facts_ToTimeUnknown\"[^>]*checked", page);
        Assert.DoesNotContain("value=\"00:00\"", page, StringComparison.Ordinal);
        var summary = await dpo.GetStringAsync($"/incidents/{reported.Id}/ico-summary");
        Assert.Contains($"and {LondonTime.FormatDay(start)} (time not known)", summary, StringComparison.Ordinal);
    }

    /// <summary>A breach report with <paramref name="facts"/>'s properties added.</summary>
    private static Dictionary<string, object?> Report(DateTimeOffset discoveredAt, object facts)
    {
        var body = new Dictionary<string, object?>
        {
            ["kind"] = "ConfidentialityBreach",
            ["counterpartyOrganisationId"] = DemoData.SilId,
            ["discoveredAt"] = discoveredAt,
            ["summary"] = "Class list emailed to the wrong parent",
            ["description"] = "A spreadsheet with names and UPNs of a Year 4 class was sent to one parent by mistake.",
            ["dataCategories"] = new[] { "Names", "Upn" },
            ["approximateDataSubjects"] = 28,
            ["containmentActions"] = "Asked the parent to delete it.",
        };
        foreach (var property in facts.GetType().GetProperties())
        {
            body[property.Name] = property.GetValue(facts);
        }

        return body;
    }
}
