using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Incidents;
using Incidents.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace Incidents.IntegrationTests;

/// <summary>The triage queue ordered and paged in the database by the incidents' stored next deadline, and that
/// column kept in step with the duty through the API.</summary>
public sealed class TriageQueueTests : IAsyncLifetime
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
    public async Task Many_incidents_page_in_the_duty_order_with_nothing_lost_or_repeated()
    {
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var now = DateTimeOffset.UtcNow;
        var random = new Random(16);
        IncidentKind[] kinds = [IncidentKind.ConfidentialityBreach, IncidentKind.SecurityBreach, IncidentKind.Complaint, IncidentKind.NearMiss, IncidentKind.DataDiscrepancy];
        TriageClassification[] classifications = [TriageClassification.PersonalDataBreach, TriageClassification.NotABreach, TriageClassification.NearMiss];
        SeverityLevel?[] severities = [null, SeverityLevel.Low, SeverityLevel.Medium, SeverityLevel.High, SeverityLevel.VeryHigh];
        await _app.WithDbAsync(async db =>
        {
            var agreement = await db.Agreements.AsNoTracking().FirstAsync();
            for (var n = 0; n < 130; n++)
            {
                // Whole hours apart or equal, so that ties fall to severity and then to the time of the report (each its own).
                var discovered = now.AddHours(-random.Next(1, 120));
                var incident = new Incident(Guid.CreateVersion7(), $"INC-2001-{n + 1:00000}", kinds[random.Next(kinds.Length)], agreement.Id,
                    agreement.SchoolOrganisationId, agreement.SilOrganisationId, "seed", "Seeded reporter", discovered, now.AddSeconds(-n),
                    $"Seeded {n}", "Seeded for the queue's order.", ["Names"], 3, null);
                if (random.Next(3) > 0)
                {
                    var severity = severities[random.Next(severities.Length)];
                    incident.Triage(classifications[random.Next(classifications.Length)], incident.AwareAt, null,
                        severity is null ? null : new EnisaScore((int)severity + 1, false, 1.0, 0, 0, 0, false), now);
                    if (random.Next(4) == 0)
                    {
                        incident.Decide(true, true, false, DecisionOutcome.ReportToIco, "Risk.", "Dana", now);
                    }
                    else if (random.Next(4) == 0)
                    {
                        incident.Decide(false, false, false, DecisionOutcome.RecordOnly, "No risk.", "Dana", now);
                    }

                    if (random.Next(6) == 0 && (incident.Classification != TriageClassification.PersonalDataBreach || incident.Decision is not null))
                    {
                        incident.Close("Lessons.", 0, false, null, now);
                    }
                }

                incident.FollowDuty([]);
                db.Incidents.Add(incident);
            }

            return await db.SaveChangesAsync();
        });

        // The order as the queue computed it in memory before it moved into the database, from the one duty rule.
        var expected = await _app.WithDbAsync(async db =>
        {
            IncidentStatus[] open = [IncidentStatus.Reported, IncidentStatus.Triaged];
            var incidents = await db.Incidents.AsNoTracking().Where(i => open.Contains(i.Status)).ToListAsync();
            var filings = (await db.IcoFilings.AsNoTracking().ToListAsync()).ToLookup(f => f.IncidentId);
            return incidents
                .Select(i => (Incident: i, Duty: IcoDuty.Of(i, filings[i.Id], now)))
                .OrderByDescending(x => x.Duty.Owed)
                .ThenBy(x => x.Incident.IcoClockApplies ? x.Incident.IcoDeadline : DateTimeOffset.MaxValue)
                .ThenByDescending(x => x.Incident.Severity)
                .ThenBy(x => x.Incident.ReportedAt)
                .Select(x => x.Incident.Id)
                .ToList();
        });
        Assert.True(expected.Count > 60, $"only {expected.Count} open");

        var seen = new List<Guid>();
        int total;
        var page = 1;
        do
        {
            var queue = (await dpo.GetFromJsonAsync<PagedList<TriageQueueItem>>($"/api/triage?page={page}&pageSize=25", Api.Json))!;
            total = queue.TotalCount;
            Assert.True(queue.Items.Count <= 25);
            seen.AddRange(queue.Items.Select(i => i.Id));
            Assert.All(queue.Items, i => Assert.Equal(i.IcoDuty!.Owed && i.Status != IncidentStatus.Closed ? i.IcoDeadline : null, i.NextDeadline));
            page++;
        }
        while (seen.Count < total && page < 20);

        Assert.Equal(expected.Count, total);
        Assert.Equal(expected, seen);

        var overdue = (await dpo.GetFromJsonAsync<PagedList<TriageQueueItem>>("/api/triage?overdue=true&pageSize=200", Api.Json))!;
        Assert.NotEmpty(overdue.Items);
        Assert.All(overdue.Items, i => Assert.True(i.Overdue));
        var notOverdue = (await dpo.GetFromJsonAsync<PagedList<TriageQueueItem>>("/api/triage?overdue=false&pageSize=200", Api.Json))!;
        Assert.All(notOverdue.Items, i => Assert.False(i.Overdue));
        Assert.Equal(total, overdue.TotalCount + notOverdue.TotalCount);
    }

    [Fact]
    public async Task The_stored_next_deadline_follows_the_report_the_decision_the_filing_closing_and_reopening()
    {
        var staff = await _app.SignInAsync("staff@merseyvale.test");
        var dpo = await _app.SignInAsync("dpo@sil.test");
        var breach = await staff.ReportAsync(Api.Breach());
        var deadline = await IcoDeadline(breach.Id);
        Assert.Equal(deadline, await NextDeadline(breach.Id));

        var v = (await dpo.GetIncidentAsync(breach.Id)).Version;
        var decided = await Expect<ChangeResult>(dpo.PostAsJsonAsync($"/api/incidents/{breach.Id}/decision", new
        {
            version = v, personalDataOfLivingPeople = true, riskLikely = true, highRisk = false, outcome = "ReportToIco", rationale = "Risk to pupils.",
        }), HttpStatusCode.OK);
        Assert.Equal(deadline, await NextDeadline(breach.Id));

        var filed = await Expect<RecordedResult>(dpo.PostAsJsonAsync($"/api/incidents/{breach.Id}/ico-filings", new
        {
            version = decided.Version,
            submittedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            icoCaseReference = "IC-123456-A1B2",
            phase = "Initial",
            nature = "A class list with names and UPNs was emailed to one parent.",
            dataSubjectCategories = "Pupils",
            approximateDataSubjects = 28,
            approximateRecords = 28,
            dpoContact = "Dana Whitfield, dpo@sil.test",
            likelyConsequences = "Low: the parent deleted it.",
            measures = "Recipient confirmed deletion.",
        }), HttpStatusCode.Created);
        Assert.Null(await NextDeadline(breach.Id));

        var other = await staff.ReportAsync(Api.Breach(summary: "A second one"));
        var ov = (await dpo.GetIncidentAsync(other.Id)).Version;
        var notBreach = await Expect<ChangeResult>(dpo.PostAsJsonAsync($"/api/incidents/{other.Id}/triage", new { version = ov, classification = "NotABreach" }), HttpStatusCode.OK);
        Assert.Null(await NextDeadline(other.Id));
        var breachAgain = await Expect<ChangeResult>(dpo.PostAsJsonAsync($"/api/incidents/{other.Id}/triage", new { version = notBreach.Version, classification = "PersonalDataBreach" }), HttpStatusCode.OK);
        var otherDeadline = await IcoDeadline(other.Id);
        Assert.Equal(otherDeadline, await NextDeadline(other.Id));
        var recordOnly = await Expect<ChangeResult>(dpo.PostAsJsonAsync($"/api/incidents/{other.Id}/decision", new
        {
            version = breachAgain.Version, personalDataOfLivingPeople = true, riskLikely = true, highRisk = false, outcome = "ReportToIco", rationale = "Risk.",
        }), HttpStatusCode.OK);
        var closed = await Expect<ChangeResult>(dpo.PostAsJsonAsync($"/api/incidents/{other.Id}/close", new { version = recordOnly.Version, lessonsLearned = "Check recipients." }), HttpStatusCode.OK);
        Assert.Null(await NextDeadline(other.Id));
        await Expect<ChangeResult>(dpo.PostAsJsonAsync($"/api/incidents/{other.Id}/reopen", new { version = closed.Version, reason = "More came to light." }), HttpStatusCode.OK);
        Assert.Equal(otherDeadline, await NextDeadline(other.Id));

        var queue = (await dpo.GetFromJsonAsync<PagedList<TriageQueueItem>>("/api/triage", Api.Json))!;
        Assert.Equal([other.Id, breach.Id], queue.Items.Select(i => i.Id));
        Assert.Equal(otherDeadline, queue.Items[0].NextDeadline);
        Assert.Null(queue.Items[1].NextDeadline);
        Assert.NotEqual(Guid.Empty, filed.Id);
    }

    private Task<DateTimeOffset> IcoDeadline(Guid id) =>
        _app.WithDbAsync(async db => IcoClock.DeadlineFrom(await db.Incidents.AsNoTracking().Where(i => i.Id == id).Select(i => i.AwareAt).SingleAsync()));

    private Task<DateTimeOffset?> NextDeadline(Guid id) =>
        _app.WithDbAsync(db => db.Incidents.AsNoTracking().Where(i => i.Id == id).Select(i => i.NextDeadline).SingleAsync());

    private static async Task<T> Expect<T>(Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, Api.Json)!;
    }
}
