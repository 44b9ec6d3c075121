using Incidents.Application.Common.Interfaces;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Notifications;
using Incidents.IntegrationTests.Support;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Incidents.IntegrationTests;

/// <summary>Nothing lost, nothing sent twice: SMTP outages, permanent rejections, crashes, duplicate jobs.</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    [Fact]
    public async Task Notices_refused_while_smtp_is_down_are_retried_and_delivered_once_when_it_recovers()
    {
        await using var app = new IncidentsApp(_smtp);
        var staff = await app.SignInAsync("staff@merseyvale.test");
        _smtp.Refuse(true);

        var results = new List<Application.Features.Incidents.ReportIncidentResult>();
        for (var i = 0; i < 5; i++)
        {
            results.Add(await staff.ReportAsync(Api.Breach()));
        }

        // While refused, the incident shows the notices owed (waiting for their next try, or being tried again) with the
        // SMTP error and their attempts; none is given up or marked sent.
        var waiting = await Wait.UntilAsync(
            () => staff.GetIncidentAsync(results[0].Id),
            i => i.Notifications.All(n => n.Status is NotificationStatus.Pending or NotificationStatus.Sending && n.Attempts >= 2 && n.LastError != null),
            TimeSpan.FromSeconds(60), "retries while SMTP refuses");
        Assert.All(waiting.Notifications, n => Assert.Contains("451", n.LastError!, StringComparison.Ordinal));
        Assert.Empty(_smtp.Messages);

        _smtp.Refuse(false);

        // Four notices a report: SIL's officer and DPO, Mersey Vale's own officer, the reporter's receipt.
        await _smtp.WaitForAsync(20);
        foreach (var result in results)
        {
            await Wait.UntilAsync(() => staff.GetIncidentAsync(result.Id), i => i.Notifications.All(n => n.Status == NotificationStatus.Sent), what: "all sent");
        }

        // Give any stray duplicate job time to show itself, then count.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var ids = _smtp.Messages.Select(m => m.MessageId).ToList();
        Assert.Equal(20, ids.Count);
        Assert.Equal(20, ids.Distinct().Count());
        // The server refused every try the first report's notices had finished when seen above (a notice being tried
        // again then had one try in flight).
        var finishedTries = waiting.Notifications.Sum(n => n.Status == NotificationStatus.Sending ? n.Attempts - 1 : n.Attempts);
        Assert.True(_smtp.Refusals >= finishedTries, $"{_smtp.Refusals} refusals, {finishedTries} tries refused");
    }

    [Fact]
    public async Task A_permanent_rejection_marks_the_notice_failed_raises_an_alert_and_emails_the_dpo()
    {
        await using var app = new IncidentsApp(_smtp);
        _smtp.Reject("officer@sil.test");
        var staff = await app.SignInAsync("staff@merseyvale.test");

        var result = await staff.ReportAsync(Api.Breach());

        var incident = await Wait.UntilAsync(
            () => staff.GetIncidentAsync(result.Id),
            i => i.Notifications.Any(n => n.Status == NotificationStatus.Failed) && i.Notifications.Count(n => n.Status == NotificationStatus.Sent) == 4,
            what: "officer notice failed, DPO notice and alert email sent");
        var failed = Assert.Single(incident.Notifications, n => n.Status == NotificationStatus.Failed);
        Assert.Equal("officer@sil.test", failed.RecipientEmail);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("550", failed.LastError!, StringComparison.Ordinal);
        var alert = Assert.Single(incident.Alerts);
        Assert.Equal(failed.Id, alert.NotificationId);
        Assert.Contains("officer@sil.test", alert.Message, StringComparison.Ordinal);

        var toDpo = await _smtp.WaitForAsync(2, m => m.To.Mailboxes.Any(a => a.Address == "dpo@sil.test"));
        var warning = Assert.Single(toDpo, m => m.Subject != null && m.Subject.Contains("could not be delivered", StringComparison.Ordinal));
        Assert.Contains(result.Reference, warning.Subject, StringComparison.Ordinal);
        Assert.Contains("officer@sil.test", warning.TextBody, StringComparison.Ordinal);
        Assert.Empty(_smtp.MessagesTo("officer@sil.test"));
    }

    [Fact]
    public async Task After_a_crash_between_commit_and_enqueue_the_reconciler_delivers_on_restart()
    {
        var directory = Directory.CreateTempSubdirectory("incidents-crash-").FullName;
        try
        {
            Guid incidentId;
            // First life: the report commits but the process "dies" before any job is enqueued.
            await using (var crashed = new IncidentsApp(_smtp, directory, services: s => s.Replace(ServiceDescriptor.Scoped<INotificationScheduler, DroppingScheduler>())))
            {
                var staff = await crashed.SignInAsync("staff@merseyvale.test");
                incidentId = (await staff.ReportAsync(Api.Breach())).Id;
                var pending = await crashed.WithDbAsync(db => db.Notifications.CountAsync(n => n.IncidentId == incidentId && n.Status == NotificationStatus.Pending));
                Assert.Equal(4, pending);
            }

            Assert.Empty(_smtp.Messages);

            // Second life on the same database: the start-up reconciler finds the owed rows.
            await using var restarted = new IncidentsApp(_smtp, directory);
            var dpo = await restarted.SignInAsync("dpo@sil.test");
            await _smtp.WaitForAsync(4);
            var incident = await Wait.UntilAsync(() => dpo.GetIncidentAsync(incidentId), i => i.Notifications.All(n => n.Status == NotificationStatus.Sent), what: "sent after restart");
            Assert.Equal(4, incident.Notifications.Count);
            Assert.Equal(4, _smtp.Messages.Select(m => m.MessageId).Distinct().Count());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            IncidentsApp.TryDelete(directory);
        }
    }

    [Fact]
    public async Task A_send_claimed_by_a_process_that_died_is_sent_again_after_the_claim_runs_out()
    {
        await using var app = new IncidentsApp(_smtp, settings: new Dictionary<string, string?> { ["Notifications:ClaimLease"] = "00:00:04", ["Email:Smtp:TimeoutSeconds"] = "1" },
            services: s => s.Replace(ServiceDescriptor.Scoped<INotificationScheduler, DroppingScheduler>()));
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var result = await staff.ReportAsync(Api.Breach(kind: "NearMiss"));
        var id = await OnlyTheDposNoticeAsync(app, result);

        // A job claimed the row and the process died mid-send: the row is Sending with a claim that will run out.
        await app.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.Status, NotificationStatus.Sending)
            .SetProperty(n => n.Attempts, 1)
            .SetProperty(n => n.ClaimedUntil, DateTimeOffset.UtcNow.AddSeconds(2))));
        Assert.Equal(0, await SendAsync(app, new ReconcileNotificationsCommand(AtStartup: true)));

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        Assert.Equal(DeliveryOutcome.Sent, await SendAsync(app, new DeliverNotificationCommand(id)));
        var row = await app.WithDbAsync(db => db.Notifications.SingleAsync(n => n.Id == id));
        Assert.Equal(NotificationStatus.Sent, row.Status);
        Assert.Equal(2, row.Attempts);
        Assert.Single(await _smtp.WaitForAsync(1));
    }

    [Fact]
    public async Task A_job_that_runs_twice_sends_one_email()
    {
        await using var app = new IncidentsApp(_smtp, services: s => s.Replace(ServiceDescriptor.Scoped<INotificationScheduler, DroppingScheduler>()));
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var result = await staff.ReportAsync(Api.Breach(kind: "NearMiss"));
        var id = await OnlyTheDposNoticeAsync(app, result);

        // Hangfire is at-least-once: the same job may run twice, even at the same moment.
        var outcomes = await Task.WhenAll(
            SendAsync(app, new DeliverNotificationCommand(id)),
            SendAsync(app, new DeliverNotificationCommand(id)),
            SendAsync(app, new DeliverNotificationCommand(id)));
        var again = await SendAsync(app, new DeliverNotificationCommand(id));

        Assert.Single(outcomes, o => o == DeliveryOutcome.Sent);
        Assert.Equal(2, outcomes.Count(o => o == DeliveryOutcome.NotClaimed));
        Assert.Equal(DeliveryOutcome.NotClaimed, again);
        await _smtp.WaitForAsync(1);
        await Task.Delay(500);
        Assert.Single(_smtp.Messages);
    }

    [Fact]
    public async Task Without_an_smtp_host_notices_are_written_to_the_pickup_folder()
    {
        await using var app = new IncidentsApp(smtp: null);
        var staff = await app.SignInAsync("staff@merseyvale.test");

        var result = await staff.ReportAsync(Api.Breach());

        var mail = Path.Combine(app.DataDirectory, "mail");
        var files = await Wait.UntilAsync(
            () => Task.FromResult(Directory.Exists(mail) ? Directory.GetFiles(mail, "*.eml") : []),
            f => f.Length == 4, what: "four .eml files");
        var messages = files.Select(f => MimeKit.MimeMessage.Load(f)).ToList();
        Assert.Equal(["dpo@sil.test", "officer@merseyvale.test", "officer@sil.test", "staff@merseyvale.test"], messages.SelectMany(m => m.To.Mailboxes).Select(a => a.Address).Order());
        Assert.All(messages, m => Assert.Contains(result.Reference, m.Subject, StringComparison.Ordinal));
    }

    /// <summary>A near miss also goes to the reporter's own officer and the reporter; these tests follow the DPO's notice
    /// alone, so the others are marked sent (as if delivered earlier) and stay out of the way.</summary>
    private static async Task<Guid> OnlyTheDposNoticeAsync(IncidentsApp app, Application.Features.Incidents.ReportIncidentResult result)
    {
        var id = result.Notified.Single(n => n.Email == "dpo@sil.test").NotificationId;
        await app.WithDbAsync(db => db.Notifications.Where(n => n.IncidentId == result.Id && n.Id != id)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Status, NotificationStatus.Sent).SetProperty(n => n.SentAt, DateTimeOffset.UtcNow)));
        return id;
    }

    private static async Task<T> SendAsync<T>(IncidentsApp app, IRequest<T> request)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    /// <summary>Stands in for a process that dies after commit and before the job is enqueued.</summary>
    private sealed class DroppingScheduler : INotificationScheduler
    {
        public void Enqueue(Guid notificationId)
        {
        }

        public void Schedule(Guid notificationId, DateTimeOffset at)
        {
        }
    }
}
