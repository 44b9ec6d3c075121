using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.UnitTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Incidents.UnitTests.Application.Notifications;

public sealed class DeliverNotificationHandlerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 10, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly Mock<IEmailSender> _email = new();
    private readonly Mock<INotificationScheduler> _scheduler = new();
    private readonly Incident _incident;

    private NotificationSettings _settings = new()
    {
        PublicUrl = new Uri("https://incidents.example.org/"),
        MessageIdDomain = "sil.example.org",
    };

    public DeliverNotificationHandlerTests()
    {
        _incident = _database.AddIncident(Now);
        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
    }

    public void Dispose() => _database.Dispose();

    private DeliverNotificationHandler Handler() =>
        new(_database.Db, _email.Object, _scheduler.Object, _settings, new AuditTrail(_database.Db, new Mock<ICurrentUser>().Object, _time), _time, NullLogger<DeliverNotificationHandler>.Instance);

    private async Task<DeliveryOutcome> Deliver(Guid id) => await Handler().Handle(new DeliverNotificationCommand(id), CancellationToken.None);

    private Notification OwedToSchoolOfficer() =>
        _database.AddNotification(_incident.Id, "Alex Head", TestDatabase.SchoolAOfficerEmail, Now);

    private void FailWith(bool isPermanent, string message = "550 5.1.1 mailbox unavailable") =>
        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EmailDeliveryException(message, isPermanent ? EmailFailureKind.Recipient : EmailFailureKind.Transient));

    private List<Notification> DeliveryFailedNotices()
    {
        using var context = _database.NewContext();
        return context.Notifications.AsNoTracking().Where(n => n.Type == NotificationType.DeliveryFailed).ToList();
    }

    private List<Alert> Alerts()
    {
        using var context = _database.NewContext();
        return context.Alerts.AsNoTracking().ToList();
    }

    [Fact]
    public async Task A_delivered_notice_is_marked_sent_with_its_stable_message_id()
    {
        var notification = OwedToSchoolOfficer();
        _time.Advance(TimeSpan.FromSeconds(5));

        var outcome = await Deliver(notification.Id);

        Assert.Equal(DeliveryOutcome.Sent, outcome);
        var row = _database.Reload(notification.Id);
        Assert.Equal(NotificationStatus.Sent, row.Status);
        Assert.Equal(Now.AddSeconds(5), row.SentAt);
        Assert.Equal(1, row.Attempts);
        Assert.Null(row.ClaimedUntil);
        Assert.Null(row.LastError);
        _email.Verify(e => e.SendAsync(
            It.Is<EmailMessage>(m => m.MessageId == $"{notification.Id:N}@sil.example.org"
                && m.To.Address == TestDatabase.SchoolAOfficerEmail
                && m.Subject.Contains(_incident.Reference, StringComparison.Ordinal)),
            It.IsAny<CancellationToken>()), Times.Once());
    }

    [Fact]
    public async Task Delivering_the_same_notice_twice_sends_it_once()
    {
        var notification = OwedToSchoolOfficer();

        var first = await Deliver(notification.Id);
        var second = await Deliver(notification.Id);

        Assert.Equal(DeliveryOutcome.Sent, first);
        Assert.Equal(DeliveryOutcome.NotClaimed, second);
        _email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Once());
        Assert.Equal(1, _database.Reload(notification.Id).Attempts);
    }

    [Fact]
    public async Task An_unknown_notification_is_not_claimed()
    {
        var outcome = await Deliver(Guid.NewGuid());

        Assert.Equal(DeliveryOutcome.NotClaimed, outcome);
        _email.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_transient_failure_leaves_the_notice_pending_and_schedules_a_retry_in_thirty_seconds()
    {
        var notification = OwedToSchoolOfficer();
        FailWith(isPermanent: false, "421 4.7.0 try again later");

        var outcome = await Deliver(notification.Id);

        Assert.Equal(DeliveryOutcome.RetryScheduled, outcome);
        var row = _database.Reload(notification.Id);
        Assert.Equal(NotificationStatus.Pending, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal("421 4.7.0 try again later", row.LastError);
        Assert.Equal(Now.AddSeconds(30), row.NextAttemptAt);
        Assert.Null(row.ClaimedUntil);
        _scheduler.Verify(s => s.Schedule(notification.Id, Now.AddSeconds(30)), Times.Once());
        _scheduler.Verify(s => s.Enqueue(It.IsAny<Guid>()), Times.Never());
        Assert.Empty(Alerts());
    }

    [Fact]
    public async Task A_notice_waiting_for_its_retry_is_not_sent_early()
    {
        var notification = OwedToSchoolOfficer();
        FailWith(isPermanent: false);
        await Deliver(notification.Id);
        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        _time.Advance(TimeSpan.FromSeconds(20));
        var early = await Deliver(notification.Id);
        _time.Advance(TimeSpan.FromSeconds(10));
        var due = await Deliver(notification.Id);

        Assert.Equal(DeliveryOutcome.NotClaimed, early);
        Assert.Equal(DeliveryOutcome.Sent, due);
        var row = _database.Reload(notification.Id);
        Assert.Equal(NotificationStatus.Sent, row.Status);
        Assert.Equal(2, row.Attempts);
        Assert.Null(row.LastError);
    }

    [Fact]
    public async Task After_max_attempts_of_transient_failures_the_notice_fails_and_the_dpo_is_told()
    {
        _settings = new NotificationSettings { MessageIdDomain = "sil.example.org", Retry = new RetryPolicy(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(30), 3) };
        var notification = OwedToSchoolOfficer();
        FailWith(isPermanent: false, "connection timed out");

        var outcomes = new List<DeliveryOutcome>();
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            outcomes.Add(await Deliver(notification.Id));
            _time.Advance(_settings.Retry.DelayAfter(attempt));
        }

        Assert.Equal([DeliveryOutcome.RetryScheduled, DeliveryOutcome.RetryScheduled, DeliveryOutcome.Failed], outcomes);
        var row = _database.Reload(notification.Id);
        Assert.Equal(NotificationStatus.Failed, row.Status);
        Assert.Equal(3, row.Attempts);
        Assert.Equal("connection timed out", row.LastError);
        var alert = Assert.Single(Alerts());
        Assert.Contains("after 3 attempts", alert.Message, StringComparison.Ordinal);
        var notice = Assert.Single(DeliveryFailedNotices());
        Assert.Equal(TestDatabase.SilDpoEmail, notice.RecipientEmail);
        _scheduler.Verify(s => s.Schedule(notification.Id, It.IsAny<DateTimeOffset>()), Times.Exactly(2));
        Assert.Equal(DeliveryOutcome.NotClaimed, await Deliver(notification.Id));
    }

    [Fact]
    public async Task A_permanent_rejection_fails_at_once_raises_an_alert_and_tells_the_dpo()
    {
        var notification = OwedToSchoolOfficer();
        FailWith(isPermanent: true, "550 5.1.1 no such user");

        var outcome = await Deliver(notification.Id);

        Assert.Equal(DeliveryOutcome.Failed, outcome);
        var row = _database.Reload(notification.Id);
        Assert.Equal(NotificationStatus.Failed, row.Status);
        Assert.Equal(1, row.Attempts);
        Assert.Equal("550 5.1.1 no such user", row.LastError);
        Assert.Null(row.ClaimedUntil);

        var alert = Assert.Single(Alerts());
        Assert.Equal(_incident.Id, alert.IncidentId);
        Assert.Equal(notification.Id, alert.NotificationId);
        Assert.Contains(TestDatabase.SchoolAOfficerEmail, alert.Message, StringComparison.Ordinal);
        Assert.Contains("was rejected", alert.Message, StringComparison.Ordinal);

        var notice = Assert.Single(DeliveryFailedNotices());
        Assert.Equal(TestDatabase.SilDpoEmail, notice.RecipientEmail);
        Assert.Equal(notification.Id, notice.AboutNotificationId);
        Assert.Equal(_incident.Id, notice.IncidentId);
        Assert.Equal(NotificationStatus.Pending, notice.Status);
        _scheduler.Verify(s => s.Enqueue(notice.Id), Times.Once());
        _scheduler.Verify(s => s.Schedule(It.IsAny<Guid>(), It.IsAny<DateTimeOffset>()), Times.Never());
    }

    [Fact]
    public async Task A_rejected_notice_to_the_dpos_own_address_raises_an_alert_but_no_email_to_that_address()
    {
        var notification = _database.AddNotification(_incident.Id, "Dana Protection", TestDatabase.SilDpoEmail.ToUpperInvariant(), Now);
        FailWith(isPermanent: true);

        var outcome = await Deliver(notification.Id);

        Assert.Equal(DeliveryOutcome.Failed, outcome);
        Assert.Single(Alerts());
        Assert.Empty(DeliveryFailedNotices());
        _scheduler.Verify(s => s.Enqueue(It.IsAny<Guid>()), Times.Never());
    }

    [Fact]
    public async Task A_rejected_delivery_failed_notice_does_not_start_a_loop()
    {
        var failed = OwedToSchoolOfficer();
        FailWith(isPermanent: true);
        await Deliver(failed.Id);
        var notice = Assert.Single(DeliveryFailedNotices());

        var outcome = await Deliver(notice.Id);

        Assert.Equal(DeliveryOutcome.Failed, outcome);
        Assert.Equal(NotificationStatus.Failed, _database.Reload(notice.Id).Status);
        Assert.Single(DeliveryFailedNotices());
        Assert.Equal(2, Alerts().Count);
    }

    [Fact]
    public async Task A_delivery_failed_notice_tells_the_dpo_who_was_not_reached()
    {
        var failed = OwedToSchoolOfficer();
        FailWith(isPermanent: true, "550 5.1.1 no such user");
        await Deliver(failed.Id);
        var notice = Assert.Single(DeliveryFailedNotices());
        EmailMessage? sent = null;
        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Callback<EmailMessage, CancellationToken>((m, _) => sent = m)
            .Returns(Task.CompletedTask);

        var outcome = await Deliver(notice.Id);

        Assert.Equal(DeliveryOutcome.Sent, outcome);
        Assert.NotNull(sent);
        Assert.Equal(TestDatabase.SilDpoEmail, sent.To.Address);
        Assert.Equal($"[{_incident.Reference}] A notice could not be delivered", sent.Subject);
        Assert.Contains(TestDatabase.SchoolAOfficerEmail, sent.TextBody, StringComparison.Ordinal);
        Assert.Contains("550 5.1.1 no such user", sent.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_claim_abandoned_by_a_crashed_run_is_taken_again_once_its_lease_runs_out()
    {
        var notification = OwedToSchoolOfficer();
        // The process died mid-send: the row is left claimed by a run that will never finish it.
        _database.Db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdate(s => s
            .SetProperty(n => n.Status, NotificationStatus.Sending)
            .SetProperty(n => n.Attempts, 1)
            .SetProperty(n => n.ClaimedUntil, Now + _settings.ClaimLease));

        _time.Advance(_settings.ClaimLease - TimeSpan.FromSeconds(1));
        var whileClaimed = await Deliver(notification.Id);
        _time.Advance(TimeSpan.FromSeconds(2));
        var afterLease = await Deliver(notification.Id);

        Assert.Equal(DeliveryOutcome.NotClaimed, whileClaimed);
        Assert.Equal(DeliveryOutcome.Sent, afterLease);
        var row = _database.Reload(notification.Id);
        Assert.Equal(NotificationStatus.Sent, row.Status);
        Assert.Equal(2, row.Attempts);
    }

    [Fact]
    public async Task An_unexpected_error_while_sending_is_retried_not_left_claimed()
    {
        var notification = OwedToSchoolOfficer();
        _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("something unforeseen"));

        var outcome = await Deliver(notification.Id);

        Assert.Equal(DeliveryOutcome.RetryScheduled, outcome);
        var row = _database.Reload(notification.Id);
        Assert.Equal(NotificationStatus.Pending, row.Status);
        Assert.Null(row.ClaimedUntil);
        Assert.Contains("something unforeseen", row.LastError, StringComparison.Ordinal);
        _scheduler.Verify(s => s.Schedule(notification.Id, Now + _settings.Retry.DelayAfter(1)), Times.Once());
    }

    [Fact]
    public async Task A_row_claimed_more_often_than_the_attempt_limit_is_failed_and_alerted_without_sending()
    {
        var notification = OwedToSchoolOfficer();
        _database.Db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdate(s => s
            .SetProperty(n => n.Status, NotificationStatus.Sending)
            .SetProperty(n => n.Attempts, _settings.Retry.MaxAttempts)
            .SetProperty(n => n.ClaimedUntil, Now - TimeSpan.FromSeconds(1)));

        var outcome = await Deliver(notification.Id);

        Assert.Equal(DeliveryOutcome.Failed, outcome);
        Assert.Equal(NotificationStatus.Failed, _database.Reload(notification.Id).Status);
        _email.Verify(e => e.SendAsync(It.Is<EmailMessage>(m => m.To.Address == TestDatabase.SchoolAOfficerEmail), It.IsAny<CancellationToken>()), Times.Never());
        Assert.Equal(1, _database.Db.Alerts.Count(a => a.NotificationId == notification.Id));
    }
}
