using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Incidents.Domain.Notifications;
using Incidents.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace Incidents.IntegrationTests;

/// <summary>A relay configuration fault (here: our sender refused with a 5xx) is raised at once where people look, the
/// notices stay owed, and they go out once each when it is fixed. And /health/ready: one SMTP connection per cache
/// period, details for operators only.</summary>
public sealed class EmailFaultTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task A_refused_sender_raises_the_banner_at_once_and_the_notices_go_once_each_when_it_is_fixed()
    {
        await using var app = new IncidentsApp(_smtp, settings: new Dictionary<string, string?>
        {
            ["Notifications:FaultRetryDelay"] = "00:00:01",
        });
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var dpoPages = await app.SignInWithCookieAsync("dpo@sil.test");
        var staffPages = await app.SignInWithCookieAsync("staff@merseyvale.test");
        var dpoApi = await app.SignInAsync("dpo@sil.test");
        var anonymous = app.CreateClient();
        _smtp.RefuseSender(true);

        var clock = Stopwatch.StartNew();
        var result = await staff.ReportAsync(Api.Breach());

        var dashboard = await Wait.UntilAsync(() => dpoPages.GetStringAsync("/"), p => p.Contains("data-testid=\"email-fault\"", StringComparison.Ordinal), what: "the fault banner on the dashboard");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"The banner took {clock.Elapsed}.");
        Assert.Contains("Email is not being delivered: the relay 127.0.0.1:", dashboard, StringComparison.Ordinal);
        Assert.Contains("refused the sender incidents@", dashboard, StringComparison.Ordinal);
        Assert.Matches("4 notices waiting", dashboard);

        // Every incident page shows it; a member of staff learns that email is not going, not the relay's details.
        var staffBanner = Banner(await staffPages.GetStringAsync($"/incidents/{result.Id}"));
        Assert.Contains("Email is not being delivered", staffBanner, StringComparison.Ordinal);
        Assert.DoesNotContain("refused the sender", staffBanner, StringComparison.Ordinal);
        Assert.Contains("refused the sender", Banner(await dpoPages.GetStringAsync($"/incidents/{result.Id}")), StringComparison.Ordinal);

        // An alert row, the notices still owed (not failed, no attempts used up), nothing delivered.
        var incident = await dpoApi.GetIncidentAsync(result.Id);
        Assert.Contains(incident.Alerts, a => a.Message.StartsWith("Email is not being delivered: the relay", StringComparison.Ordinal));
        Assert.All(incident.Notifications, n => Assert.Equal(NotificationStatus.Pending, n.Status));
        Assert.Empty(_smtp.Messages);

        // /health/ready: degraded; the reason for the DPO only.
        var operatorHealth = await dpoApi.GetStringAsync("/health/ready");
        Assert.Contains("\"status\":\"Degraded\"", operatorHealth, StringComparison.Ordinal);
        Assert.Contains("refused the sender", operatorHealth, StringComparison.Ordinal);
        var anonymousHealth = await anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, anonymousHealth.StatusCode);
        Assert.Equal("{\"status\":\"Degraded\"}", await anonymousHealth.Content.ReadAsStringAsync());

        // Fixed: the notices go within a minute (here FaultRetryDelay is 1 s), once each, and the banner goes.
        _smtp.RefuseSender(false);
        // Four: SIL's officer and DPO, Mersey Vale's own officer, and the reporter's receipt.
        await _smtp.WaitForAsync(4, timeout: TimeSpan.FromSeconds(60));
        await Wait.UntilAsync(() => dpoApi.GetIncidentAsync(result.Id), i => i.Notifications.All(n => n.Status == NotificationStatus.Sent), what: "all sent");
        await Wait.UntilAsync(() => dpoPages.GetStringAsync("/"), p => !p.Contains("data-testid=\"email-banner\"", StringComparison.Ordinal), what: "the banner gone");
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(4, _smtp.Messages.Count);
        Assert.Equal(4, _smtp.Messages.Select(m => m.MessageId).Distinct().Count());
        var fault = Assert.Single(await app.WithDbAsync(db => db.EmailFaults.AsNoTracking().ToListAsync()));
        Assert.NotNull(fault.ClearedAt);
    }

    private static string Banner(string page)
    {
        var start = page.IndexOf("data-testid=\"email-fault\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "The page has no email fault banner.");
        return page[start..page.IndexOf("</p>", start, StringComparison.Ordinal)];
    }

    [Fact]
    public async Task Health_ready_opens_one_smtp_connection_for_many_calls_and_gives_details_to_operators_only()
    {
        await using var app = new IncidentsApp(_smtp);
        var anonymous = app.CreateClient();
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var dpo = await app.SignInAsync("dpo@sil.test");
        var before = _smtp.Sessions;

        for (var i = 0; i < 300; i++)
        {
            var response = await anonymous.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.InRange(_smtp.Sessions - before, 1, 2);

        // Anonymous callers and staff get the status only; the DPO gets each check and its reason.
        using (var body = JsonDocument.Parse(await anonymous.GetStringAsync("/health/ready")))
        {
            Assert.Equal(["status"], body.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        }

        using (var body = JsonDocument.Parse(await staff.GetStringAsync("/health/ready")))
        {
            Assert.Equal(["status"], body.RootElement.EnumerateObject().Select(p => p.Name));
        }

        using (var body = JsonDocument.Parse(await dpo.GetStringAsync("/health/ready")))
        {
            var smtp = body.RootElement.GetProperty("checks").GetProperty("smtp");
            Assert.Equal("Healthy", smtp.GetProperty("status").GetString());
            Assert.Contains($"127.0.0.1:{_smtp.Port}", smtp.GetProperty("description").GetString(), StringComparison.Ordinal);
        }

        Assert.InRange(_smtp.Sessions - before, 1, 2);
    }
}
