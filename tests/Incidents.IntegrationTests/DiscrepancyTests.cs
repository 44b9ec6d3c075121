using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incidents.Application.Features.Discrepancies;
using Incidents.Domain.Discrepancies;
using Incidents.Domain.Timers;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Incidents.IntegrationTests;

/// <summary>Data discrepancies (clauses 9.6, 9.7): raised with UPNs, the provider's officers emailed, corrected per UPN,
/// confirmed by both parties and closed; reminders on the timer mechanism; a school sees only its own.</summary>
public sealed class DiscrepancyTests : IAsyncLifetime
{
    private static readonly Guid MerseyValeAgreement = DemoData.AgreementIdFor(DemoData.MerseyValeId);
    private readonly TestSmtpServer _smtp = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("incidents-discrepancies-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        IncidentsApp.TryDelete(_directory);
    }

    public static object Raise(params string[] upns) => new
    {
        agreementId = MerseyValeAgreement,
        dataItem = "Date of birth",
        providerOrganisationId = DemoData.SilId,
        upns = upns.Length == 0 ? ["B801200005001", "E341123456789"] : upns,
        details = "The census return has 01/02/2019 for Ava Example; SIL's extract has 02/01/2019.",
        held = new[] { new { raiserHolds = "01/02/2019", providerHolds = "02/01/2019" } },
    };

    [Fact]
    public async Task A_bad_upn_is_a_400_naming_it_and_nothing_is_stored()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var staff = await app.SignInAsync("staff@merseyvale.test");

        var response = await staff.PostAsJsonAsync("/api/discrepancies", Raise("B801200005001", "A801200005001", "B80120000500", "b80120000X001"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Api.Json))!;
        Assert.Equal(["upns[1]", "upns[2]", "upns[3]"], problem.Errors.Keys.Order());
        Assert.Contains("check letter", Assert.Single(problem.Errors["upns[1]"]), StringComparison.Ordinal);
        Assert.Contains("would be B, not A", problem.Errors["upns[1]"][0], StringComparison.Ordinal);
        Assert.Contains("13 characters", Assert.Single(problem.Errors["upns[2]"]), StringComparison.Ordinal);
        Assert.Contains("character 10", Assert.Single(problem.Errors["upns[3]"]), StringComparison.Ordinal);

        var twice = await staff.PostAsJsonAsync("/api/discrepancies", Raise("B801200005001", "b801200005001"));
        var duplicate = (await twice.Content.ReadFromJsonAsync<ValidationProblemDetails>(Api.Json))!;
        Assert.Contains("given twice", Assert.Single(duplicate.Errors["upns[1]"]), StringComparison.Ordinal);

        var noProvider = await staff.PostAsJsonAsync("/api/discrepancies", new { agreementId = MerseyValeAgreement, dataItem = "SEN status", providerOrganisationId = DemoData.BrambledownId, upns = new[] { "B801200005001" } });
        Assert.Equal(HttpStatusCode.BadRequest, noProvider.StatusCode);
        Assert.Contains("providerOrganisationId", (await noProvider.Content.ReadFromJsonAsync<ValidationProblemDetails>(Api.Json))!.Errors.Keys);

        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Discrepancy>().CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Notifications.CountAsync()));
    }

    [Fact]
    public async Task Raised_the_providers_officers_are_emailed_then_corrected_confirmed_by_both_and_closed()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var silOfficer = await app.SignInAsync("officer@sil.test");
        var schoolOfficer = await app.SignInAsync("officer@merseyvale.test");

        var response = await staff.PostAsJsonAsync("/api/discrepancies", Raise("b801200005001", "E341123456789"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var raised = (await response.Content.ReadFromJsonAsync<DiscrepancyRaised>(Api.Json))!;
        Assert.Matches(@"^DSC-\d{4}-00001$", raised.Reference);
        Assert.Equal(["officer@sil.test"], raised.Notified);

        // The provider's designated officer (SIL's; not the DPO, not the school) is told what, why and by when, with no pupil data.
        var email = Assert.Single(await _smtp.WaitForAsync(1));
        Assert.Equal("officer@sil.test", email.To.Mailboxes.Single().Address);
        Assert.Contains(raised.Reference, email.Subject, StringComparison.Ordinal);
        Assert.Contains("Date of birth for 2 pupils", email.Subject, StringComparison.Ordinal);
        Assert.Contains($"resolve by {raised.DueBy}", email.Subject, StringComparison.Ordinal);
        Assert.Contains("clause 9.6", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Mersey Vale Primary School", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"https://incidents.example.org/discrepancies/{raised.Id}", email.TextBody, StringComparison.Ordinal);
        foreach (var secret in new[] { "B801200005001", "E341123456789", "01/02/2019", "02/01/2019", "Ava Example" })
        {
            Assert.DoesNotContain(secret, email.TextBody, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, email.HtmlBody, StringComparison.OrdinalIgnoreCase);
        }

        var details = (await staff.GetFromJsonAsync<DiscrepancyDetails>($"/api/discrepancies/{raised.Id}", Api.Json))!;
        Assert.Equal(DiscrepancyStatus.Open, details.Status);
        Assert.Equal(["B801200005001", "E341123456789"], details.Rows.Select(r => r.Upn));
        Assert.Equal("01/02/2019", details.Rows[0].RaiserHolds);
        Assert.False(details.Actions.RecordCorrections);
        Assert.Equal(2, await app.WithDbAsync(db => db.Timers.CountAsync(t => t.Kind == TimerKinds.DiscrepancyReminder && t.SubjectId == raised.Id && t.Status == TimerStatus.Pending)));

        // Confirming before the corrections is refused, saying why; the school may not correct what SIL provided.
        var early = await schoolOfficer.PostAsJsonAsync($"/api/discrepancies/{raised.Id}/confirmations", new { });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("nothing to confirm yet", (await early.Content.ReadFromJsonAsync<ValidationProblemDetails>(Api.Json))!.Errors["confirmation"][0], StringComparison.Ordinal);
        var notProvider = await schoolOfficer.PostAsJsonAsync($"/api/discrepancies/{raised.Id}/corrections", new { corrections = new[] { new { upn = "B801200005001", correction = "x" } } });
        Assert.Equal(HttpStatusCode.Forbidden, notProvider.StatusCode);

        // The provider corrects each UPN (a stale version is a conflict).
        var stale = await silOfficer.PostAsJsonAsync($"/api/discrepancies/{raised.Id}/corrections", new { version = details.Version + 5, corrections = new[] { new { upn = "B801200005001", correction = "01/02/2019" } } });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var badCorrection = await silOfficer.PostAsJsonAsync($"/api/discrepancies/{raised.Id}/corrections", new { corrections = new[] { new { upn = "A801200005001", correction = "" } } });
        Assert.Equal(HttpStatusCode.BadRequest, badCorrection.StatusCode);
        var badErrors = (await badCorrection.Content.ReadFromJsonAsync<ValidationProblemDetails>(Api.Json))!.Errors;
        Assert.Contains("corrections[0].upn", badErrors.Keys);
        Assert.Contains("corrections[0].correction", badErrors.Keys);

        var corrected = await silOfficer.PostAsJsonAsync($"/api/discrepancies/{raised.Id}/corrections", new
        {
            version = details.Version,
            corrections = new[]
            {
                new { upn = "b801200005001", correction = "01/02/2019", providerHolds = (string?)"02/01/2019" },
                new { upn = "E341123456789", correction = "No change: the school's record was out of date", providerHolds = (string?)null },
            },
        });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        details = (await corrected.Content.ReadFromJsonAsync<DiscrepancyDetails>(Api.Json))!;
        Assert.Equal(DiscrepancyStatus.AwaitingConfirmation, details.Status);
        Assert.Equal("01/02/2019", details.Rows[0].Correction);
        Assert.Equal("Owen Marsh", details.Rows[0].CorrectedBy);

        // Both parties confirm: the school, then SIL; closed, and the reminders are cancelled.
        var first = await schoolOfficer.PostAsJsonAsync($"/api/discrepancies/{raised.Id}/confirmations", new { version = details.Version });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        details = (await first.Content.ReadFromJsonAsync<DiscrepancyDetails>(Api.Json))!;
        Assert.Equal(DiscrepancyStatus.AwaitingConfirmation, details.Status);
        Assert.True(details.Confirmations.Single(c => c.Party.Id == DemoData.MerseyValeId).Confirmed);
        var again = await staff.PostAsJsonAsync($"/api/discrepancies/{raised.Id}/confirmations", new { });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        var second = await silOfficer.PostAsJsonAsync($"/api/discrepancies/{raised.Id}/confirmations", new { version = details.Version });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        details = (await second.Content.ReadFromJsonAsync<DiscrepancyDetails>(Api.Json))!;
        Assert.Equal(DiscrepancyStatus.Closed, details.Status);
        Assert.NotNull(details.ClosedAt);
        Assert.Equal(0, await app.WithDbAsync(db => db.Timers.CountAsync(t => t.Kind == TimerKinds.DiscrepancyReminder && t.SubjectId == raised.Id && t.Status == TimerStatus.Pending)));

        // Every step is in the audit chain of the agreement, and on the discrepancy's history.
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.AgreementId == MerseyValeAgreement && e.Action.StartsWith("Discrepancy")).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync());
        Assert.Equal(["DiscrepancyRaised", "DiscrepancyCorrected", "DiscrepancyConfirmed", "DiscrepancyClosed"], audit);
        Assert.Equal(4, details.History.Count);
        var verify = await (await app.SignInAsync("dpo@sil.test")).GetFromJsonAsync<JsonElement>("/api/audit/verify", Api.Json);
        Assert.True(verify.GetProperty("valid").GetBoolean());

        // The register of the agreement counts it as closed.
        var register = (await staff.GetFromJsonAsync<DiscrepancyRegister>($"/api/agreements/{MerseyValeAgreement}/discrepancies", Api.Json))!;
        Assert.Equal(1, register.Counts.Single(c => c.Status == DiscrepancyStatus.Closed).Count);
        Assert.Equal(0, register.Counts.Single(c => c.Status == DiscrepancyStatus.Open).Count);
    }

    [Fact]
    public async Task A_school_never_sees_or_touches_another_schools_discrepancies()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var other = await app.SignInAsync("staff@brambledown.test");
        var otherOfficer = await app.SignInAsync("officer@brambledown.test");
        var raised = (await (await staff.PostAsJsonAsync("/api/discrepancies", Raise())).Content.ReadFromJsonAsync<DiscrepancyRaised>(Api.Json))!;

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/discrepancies/{raised.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherOfficer.GetAsync($"/api/discrepancies/{raised.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherOfficer.PostAsJsonAsync($"/api/discrepancies/{raised.Id}/confirmations", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherOfficer.PostAsJsonAsync($"/api/discrepancies/{raised.Id}/corrections", new { corrections = new[] { new { upn = "B801200005001", correction = "x" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/agreements/{MerseyValeAgreement}/discrepancies")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync("/api/discrepancies", Raise())).StatusCode);
        Assert.Empty((await other.GetFromJsonAsync<List<DiscrepancySummary>>("/api/discrepancies", Api.Json))!);
        Assert.Single((await staff.GetFromJsonAsync<List<DiscrepancySummary>>("/api/discrepancies", Api.Json))!);
        Assert.Single((await (await app.SignInAsync("dpo@sil.test")).GetFromJsonAsync<List<DiscrepancySummary>>("/api/discrepancies", Api.Json))!);
    }

    [Fact]
    public async Task Reminders_go_to_the_providers_officers_the_working_day_before_and_after_the_due_date_once_each_across_restarts()
    {
        // Monday 30 November 2026, 10:00 GMT: ten working days make it due by Monday 14 December.
        var start = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);
        Guid id;
        await using (var first = App(start))
        {
            var staff = await first.SignInAsync("staff@merseyvale.test");
            var raised = (await (await staff.PostAsJsonAsync("/api/discrepancies", Raise())).Content.ReadFromJsonAsync<DiscrepancyRaised>(Api.Json))!;
            id = raised.Id;
            Assert.Equal(new DateOnly(2026, 12, 14), raised.DueDate);
            await _smtp.WaitForAsync(1);
        }

        // Down over Friday 11 December 09:00: the "due soon" reminder, once.
        await RunAtAsync(new DateTimeOffset(2026, 12, 11, 9, 5, 0, TimeSpan.Zero), expected: 1);
        Assert.Contains("Due Monday 14 December 2026", Reminders()[0].Subject, StringComparison.Ordinal);
        await RunAtAsync(new DateTimeOffset(2026, 12, 11, 9, 6, 0, TimeSpan.Zero), expected: 1);

        // Down until after the due date: the overdue reminder, and the discrepancy shows as overdue.
        await using (var late = App(new DateTimeOffset(2026, 12, 15, 9, 5, 0, TimeSpan.Zero)))
        {
            _ = late.Services;
            await Wait.UntilAsync(() => Task.FromResult(Reminders().Count), c => c >= 2, what: "the overdue reminder");
            Assert.Contains("Overdue since Monday 14 December 2026", Reminders()[1].Subject, StringComparison.Ordinal);
            Assert.All(Reminders(), m => Assert.Equal("officer@sil.test", m.To.Mailboxes.Single().Address));
            Assert.All(Reminders(), m => Assert.DoesNotContain("B801200005001", m.TextBody, StringComparison.Ordinal));
            var dpo = await late.SignInAsync("dpo@sil.test");
            var overview = (await dpo.GetFromJsonAsync<List<DiscrepancySummary>>("/api/discrepancies", Api.Json))!;
            Assert.True(Assert.Single(overview).Overdue);
            Assert.Equal(0, await late.WithDbAsync(db => db.Timers.CountAsync(t => t.SubjectId == id && t.Status == TimerStatus.Pending)));
        }
    }

    [Fact]
    public async Task Raised_from_the_page_each_bad_line_is_named_and_a_csv_upload_is_read()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var browser = await app.SignInWithCookieAsync("staff@merseyvale.test");

        // A pasted list (one per line, or comma separated) with a wrong check letter on line 2 and a short UPN on line 3.
        var bad = await PostRaiseAsync(browser, "B801200005001\nA801200005001\nE341123456789, B8012", csv: null);
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var html = WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("Line 2: The check letter of \"A801200005001\" is wrong", html, StringComparison.Ordinal);
        Assert.Contains("Line 3: A UPN has 13 characters; \"B8012\" has 5.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_Upns\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Line 1:", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Discrepancy>().CountAsync()));

        // A CSV with a heading row and what each side holds; a bad row is named by its row in the file.
        var badCsv = await PostRaiseAsync(browser, "", "UPN,Our value,Their value\nB801200005001,01/02/2019,02/01/2019\nB80120000X001,x,y\n");
        Assert.Contains("Row 3 of the file: Characters 2 to 12 of a UPN are digits", WebUtility.HtmlDecode(await badCsv.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var good = await PostRaiseAsync(browser, "", "UPN,Our value,Their value\nb801200005001,01/02/2019,02/01/2019\nE341123456789,SEN support,EHC plan\n");
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var location = good.Headers.Location!.ToString();
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(location));
        Assert.Contains("has been raised and the provider's designated officers have been emailed", page, StringComparison.Ordinal);
        Assert.Contains("UPN B801200005001", page, StringComparison.Ordinal);
        Assert.Contains("EHC plan", page, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Set<Discrepancy>().Include(d => d.Rows).SingleAsync());
        Assert.Equal(["B801200005001", "E341123456789"], stored.Rows.OrderBy(r => r.Position).Select(r => r.Upn));
        Assert.Equal("01/02/2019", stored.Rows.OrderBy(r => r.Position).First().RaiserHolds);

        // The provider corrects one UPN on the page: the school's staff see no form; SIL's officer does.
        Assert.DoesNotContain("Save the corrections", page, StringComparison.Ordinal);
        var officer = await app.SignInWithCookieAsync("officer@sil.test");
        var corrected = await officer.PostFormAsync($"{location}?handler=Correct", new Dictionary<string, string>
        {
            ["Version"] = stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Corrections[0].Upn"] = "B801200005001",
            ["Corrections[0].Correction"] = "01/02/2019",
            ["Corrections[1].Upn"] = "E341123456789",
            ["Corrections[1].Correction"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var after = (await (await app.SignInAsync("officer@sil.test")).GetFromJsonAsync<DiscrepancyDetails>($"/api/discrepancies/{stored.Id}", Api.Json))!;
        Assert.Equal("01/02/2019", after.Rows[0].Correction);
        Assert.Null(after.Rows[1].Correction);

        // The register of the agreement counts it as awaiting correction; another school's staff get a 404 page.
        var register = WebUtility.HtmlDecode(await browser.GetStringAsync($"/agreements/{MerseyValeAgreement}/discrepancies"));
        Assert.Contains(stored.Reference, register, StringComparison.Ordinal);
        var other = await app.SignInWithCookieAsync("staff@brambledown.test");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(location)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/agreements/{MerseyValeAgreement}/discrepancies")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostRaiseAsync(HttpClient browser, string upns, string? csv)
    {
        var form = await browser.GetStringAsync("/discrepancies/raise");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(MerseyValeAgreement.ToString()), "Input.AgreementId" },
            { new StringContent("them"), "Input.Provider" },
            { new StringContent("Date of birth"), "Input.DataItem" },
            { new StringContent(upns), "Input.Upns" },
            { new StringContent("Found in the census return."), "Input.Details" },
        };
        if (csv is not null)
        {
            var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            content.Add(file, "Input.Csv", "pupils.csv");
        }

        return await browser.PostAsync(new Uri("/discrepancies/raise", UriKind.Relative), content);
    }

    private IReadOnlyList<MimeMessage> Reminders() =>
        _smtp.Messages.Where(m => m.Subject is { } s && (s.Contains("] Due ", StringComparison.Ordinal) || s.Contains("] Overdue", StringComparison.Ordinal))).ToList();

    private async Task RunAtAsync(DateTimeOffset now, int expected)
    {
        await using var app = App(now);
        _ = app.Services;
        await Wait.UntilAsync(() => Task.FromResult(Reminders().Count), c => c >= expected, what: $"{expected} reminder(s)");
        await Wait.UntilAsync(
            () => app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Status != Domain.Notifications.NotificationStatus.Sent)),
            c => c == 0, what: "every notice sent");
        Assert.Equal(expected, Reminders().Count);
    }

    private IncidentsApp App(DateTimeOffset now) =>
        new(_smtp, _directory, services: s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FakeTimeProvider(now))));
}
