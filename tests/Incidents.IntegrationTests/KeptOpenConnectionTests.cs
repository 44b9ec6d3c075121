using Incidents.Domain.Notifications;
using Incidents.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;

namespace Incidents.IntegrationTests;

/// <summary>The dispatcher keeps SMTP connections open between messages; a relay that closes one in the middle of a
/// batch loses no notice and gets none twice.</summary>
public sealed class KeptOpenConnectionTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task A_relay_that_closes_kept_open_connections_mid_batch_gets_every_notice_once()
    {
        await using var proxy = new DroppingSmtpProxy(_smtp.Port, messagesPerConnection: 3);
        await using var app = new IncidentsApp(_smtp, settings: new Dictionary<string, string?>
        {
            ["Email:Smtp:Port"] = proxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var staff = await app.SignInAsync("staff@merseyvale.test");

        // Ten reports at once: forty notices, so batches that each run over more than one kept-open connection.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => staff.ReportAsync(Api.Breach())));

        const int expected = 40;
        await _smtp.WaitForAsync(expected, timeout: TimeSpan.FromSeconds(60));
        await Wait.UntilAsync(() => app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Status != NotificationStatus.Sent)), c => c == 0,
            TimeSpan.FromSeconds(60), "every notice marked sent");
        // Give any stray duplicate time to show itself, then count.
        await Task.Delay(TimeSpan.FromSeconds(1));

        var ids = _smtp.Messages.Select(m => m.MessageId).ToList();
        Assert.Equal(expected, ids.Count);
        Assert.Equal(expected, ids.Distinct().Count());
        Assert.True(proxy.Drops > 0, "the relay never closed a connection mid-batch");
        // Connections were kept open (a fresh one per message would need forty) ...
        Assert.True(proxy.Connections < expected, $"{proxy.Connections} connections for {expected} messages");
        // ... and a closed one was replaced within the send: no notice needed a second attempt.
        Assert.Equal(0, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.Attempts != 1)));
    }
}
