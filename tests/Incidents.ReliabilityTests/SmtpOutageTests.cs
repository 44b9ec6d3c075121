using Incidents.Domain.Notifications;
using Incidents.Infrastructure.Startup;
using Incidents.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace Incidents.ReliabilityTests;

/// <summary>The mail server refuses (4xx) for a while during 200 reports, then recovers: every notice is delivered
/// exactly once.</summary>
public sealed class SmtpOutageTests : IAsyncLifetime
{
    private static readonly int Reports = Environment.GetEnvironmentVariable("INCIDENTS_RELIABILITY_HEAVY") == "1" ? 1000 : 200;
    private readonly TestSmtpServer _smtp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task Two_hundred_reports_during_an_outage_are_all_delivered_once_after_it()
    {
        await using var app = new IncidentsApp(_smtp);
        var clients = new[]
        {
            await app.SignInAsync("staff@merseyvale.test"),
            await app.SignInAsync("staff@brambledown.test"),
            await app.SignInAsync("staff@kestrelheights.test"),
            await app.SignInAsync("staff@sil.test"),
        };
        var counterparties = new[] { DemoData.SilId, DemoData.SilId, DemoData.SilId, DemoData.BrambledownId };

        _smtp.Refuse(true);
        for (var batch = 0; batch < Reports / 10; batch++)
        {
            await Task.WhenAll(Enumerable.Range(0, 10).Select(i => clients[i % 4].ReportAsync(Api.Breach(counterparty: counterparties[i % 4]))));
            if (batch == Reports / 20)
            {
                // Half way through, the outage ends.
                await Wait.UntilAsync(() => Task.FromResult(_smtp.Refusals), r => r >= 50, what: "the outage to bite");
                _smtp.Refuse(false);
            }
        }

        // Four notices a report: the counterparty's officer, SIL's DPO, the reporter's own officer and the reporter's receipt.
        var expected = Reports * 4;
        await _smtp.WaitForAsync(expected, timeout: TimeSpan.FromSeconds(120));
        await Wait.UntilAsync(() => app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Status != NotificationStatus.Sent)), c => c == 0,
            TimeSpan.FromSeconds(60), "every notice marked sent");
        await Task.Delay(1000);

        var ids = _smtp.Messages.Select(m => m.MessageId).ToList();
        Assert.Equal(expected, ids.Count);
        Assert.Equal(expected, ids.Distinct().Count());
        Assert.True(await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Attempts > 1)) > 0, "some notices had to be retried");
    }
}
