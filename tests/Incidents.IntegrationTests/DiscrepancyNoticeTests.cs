using System.Net;
using System.Net.Http.Json;
using Incidents.Application.Features.Discrepancies;
using Incidents.Domain.Discrepancies;
using Incidents.Domain.Notifications;
using Incidents.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Incidents.IntegrationTests;

/// <summary>What the parties are told as a data discrepancy is confirmed and closed (clause 9.6), what the DPO is told
/// when such a notice cannot be delivered, and the overdue ones on the dashboard.</summary>
public sealed class DiscrepancyNoticeTests : IAsyncLifetime
{
    private static readonly string[] Secrets = ["B801200005001", "E341123456789", "01/02/2019", "02/01/2019", "Ava Example"];
    private readonly TestSmtpServer _smtp = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("incidents-discrepancy-notices-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        IncidentsApp.TryDelete(_directory);
    }

    private static async Task<DiscrepancyRaised> RaiseAsync(HttpClient staff)
    {
        var response = await staff.PostAsJsonAsync("/api/discrepancies", DiscrepancyTests.Raise("B801200005001", "E341123456789"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DiscrepancyRaised>(Api.Json))!;
    }

    private List<MimeMessage> About(string subjectPart) =>
        _smtp.Messages.Where(m => m.Subject?.Contains(subjectPart, StringComparison.Ordinal) == true).ToList();

    [Fact]
    public async Task One_partys_confirmation_emails_the_other_partys_officers_once_and_the_closing_one_tells_both()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var silOfficer = await app.SignInAsync("officer@sil.test");
        var schoolOfficer = await app.SignInAsync("officer@merseyvale.test");
        var raised = await RaiseAsync(staff);
        await _smtp.WaitForAsync(1);
        var details = (await (await silOfficer.PostAsJsonAsync($"/api/discrepancies/{raised.Id}/corrections", new
        {
            corrections = new[] { new { upn = "B801200005001", correction = "01/02/2019" }, new { upn = "E341123456789", correction = "02/01/2019" } },
        })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<DiscrepancyDetails>(Api.Json))!;

        // The school confirms: SIL's designated officer (the other party) is told, once; nobody at the school is.
        (await schoolOfficer.PostAsJsonAsync($"/api/discrepancies/{raised.Id}/confirmations", new { version = details.Version })).EnsureSuccessStatusCode();
        var confirmed = Assert.Single(await _smtp.WaitForAsync(1, m => m.Subject?.Contains("has confirmed the corrections", StringComparison.Ordinal) == true));
        Assert.Equal("officer@sil.test", confirmed.To.Mailboxes.Single().Address);
        Assert.Contains(raised.Reference, confirmed.Subject, StringComparison.Ordinal);
        Assert.Contains("Mersey Vale Primary School has confirmed", confirmed.Subject, StringComparison.Ordinal);
        Assert.Contains($"https://incidents.example.org/discrepancies/{raised.Id}", confirmed.TextBody, StringComparison.Ordinal);
        Assert.Empty(_smtp.MessagesTo("officer@merseyvale.test"));

        // SIL confirms: closed, and both parties' officers are told (each once); the values stay in the product.
        (await silOfficer.PostAsJsonAsync($"/api/discrepancies/{raised.Id}/confirmations", new { })).EnsureSuccessStatusCode();
        var closed = await _smtp.WaitForAsync(2, m => m.Subject?.Contains("Data discrepancy closed", StringComparison.Ordinal) == true);
        Assert.Equal(["officer@merseyvale.test", "officer@sil.test"], closed.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(closed, m => Assert.Contains(raised.Reference, m.Subject, StringComparison.Ordinal));
        Assert.Single(About("has confirmed the corrections"));
        foreach (var email in About(raised.Reference))
        {
            foreach (var secret in Secrets)
            {
                Assert.DoesNotContain(secret, email.TextBody, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(secret, email.HtmlBody, StringComparison.OrdinalIgnoreCase);
            }
        }

        var types = await app.WithDbAsync(db => db.Notifications.Where(n => n.DiscrepancyId == raised.Id).Select(n => n.Type).ToListAsync());
        Assert.Equal(1, types.Count(t => t == NotificationType.DiscrepancyConfirmed));
        Assert.Equal(2, types.Count(t => t == NotificationType.DiscrepancyClosed));
    }

    [Fact]
    public async Task A_discrepancy_notice_that_cannot_be_delivered_is_reported_to_the_dpo_by_its_reference()
    {
        _smtp.Reject("officer@sil.test");
        await using var app = new IncidentsApp(_smtp, _directory);
        var raised = await RaiseAsync(await app.SignInAsync("staff@merseyvale.test"));

        var failure = Assert.Single(await _smtp.WaitForAsync(1, m => m.Subject?.Contains("could not be delivered", StringComparison.Ordinal) == true));

        Assert.Equal("dpo@sil.test", failure.To.Mailboxes.Single().Address);
        Assert.Equal($"[{raised.Reference}] A notice could not be delivered", failure.Subject);
        Assert.Contains($"about {raised.Reference}", failure.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_overdue_discrepancy_is_an_item_on_the_dashboard_linked_to_it()
    {
        await using var app = new IncidentsApp(_smtp, _directory);
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var late = await RaiseAsync(staff);
        var current = await RaiseAsync(staff);
        var past = new DateOnly(2026, 3, 2);
        await app.WithDbAsync(db => db.Set<Discrepancy>().Where(d => d.Id == late.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.DueDate, past).SetProperty(d => d.DueAt, new DateTimeOffset(2026, 3, 2, 23, 59, 59, TimeSpan.Zero))));

        var html = await (await app.SignInWithCookieAsync("dpo@sil.test")).GetStringAsync(new Uri("/", UriKind.Relative));
        var at = html.IndexOf("data-testid=\"overdue-discrepancies\"", StringComparison.Ordinal);
        Assert.True(at >= 0);
        var items = html[at..html.IndexOf("See the data discrepancies", at, StringComparison.Ordinal)];

        Assert.Contains($"href=\"/discrepancies/{late.Id}\">{late.Reference}</a>: Date of birth, Mersey Vale Primary School", items, StringComparison.Ordinal);
        Assert.Contains("govuk-tag--red\">Overdue<", items, StringComparison.Ordinal);
        Assert.Contains("resolve by Monday 2 March 2026", items, StringComparison.Ordinal);
        Assert.DoesNotContain(current.Reference, items, StringComparison.Ordinal);
    }
}
