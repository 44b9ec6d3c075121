using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.UnitTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Incidents.UnitTests.Application.Notifications;

/// <summary>A configuration fault of the relay (certificate, credentials, sender refused): the notice stays owed, the
/// fault is raised at once, one send per FaultRetryDelay tries again, and the first that gets through clears it.</summary>
public sealed class EmailFaultTests : IDisposable
{
    private const string CertificateFault = "the relay's certificate could not be validated: the issuing CA is not trusted (relay smtp.council.example:25)";
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 9, 14, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly Mock<IEmailSender> _email = new();
    private readonly Mock<INotificationScheduler> _scheduler = new();
    private readonly Incident _incident;
    private readonly NotificationSettings _settings = new()
    {
        MessageIdDomain = "sil.example.org",
        Retry = new RetryPolicy(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(30), 3),
        FaultRetryDelay = TimeSpan.FromSeconds(30),
        StuckAfter = TimeSpan.FromMinutes(10),
    };

    public EmailFaultTests()
    {
        _incident = _database.AddIncident(Now);
    }

    public void Dispose() => _database.Dispose();

    private async Task<DeliveryOutcome> Deliver(Guid id) =>
        await new DeliverNotificationHandler(_database.Db, _email.Object, _scheduler.Object, _settings,
                new AuditTrail(_database.Db, new Mock<ICurrentUser>().Object, _time), _time, NullLogger<DeliverNotificationHandler>.Instance)
            .Handle(new DeliverNotificationCommand(id), CancellationToken.None);

    private void Relay(EmailFailureKind? failure, string message = CertificateFault)
    {
        var setup = _email.Setup(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()));
        if (failure is { } kind)
        {
            setup.ThrowsAsync(new EmailDeliveryException(message, kind));
        }
        else
        {
            setup.Returns(Task.CompletedTask);
        }
    }

    private List<T> All<T>()
        where T : class
    {
        using var context = _database.NewContext();
        return context.Set<T>().AsNoTracking().ToList();
    }

    private async Task<EmailStatus> Status(params string[] roles)
    {
        var user = new Mock<ICurrentUser>();
        user.SetupGet(u => u.IsAuthenticated).Returns(true);
        user.Setup(u => u.IsInRole(It.IsAny<string>())).Returns<string>(r => roles.Contains(r));
        return await new EmailStatusHandler(_database.Db, user.Object, _settings, _time).Handle(new EmailStatusQuery(), CancellationToken.None);
    }

    [Fact]
    public async Task A_configuration_fault_keeps_the_notice_owed_and_raises_the_fault_and_one_alert_at_once()
    {
        var first = _database.AddNotification(_incident.Id, "Alex Head", TestDatabase.SchoolAOfficerEmail, Now);
        var second = _database.AddNotification(_incident.Id, "Dana Protect", TestDatabase.SilDpoEmail, Now);
        Relay(EmailFailureKind.Configuration);

        Assert.Equal(DeliveryOutcome.HeldByFault, await Deliver(first.Id));
        Assert.Equal(DeliveryOutcome.HeldByFault, await Deliver(second.Id));

        // The second did not try the broken relay: one try per FaultRetryDelay.
        _email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Once());
        foreach (var id in new[] { first.Id, second.Id })
        {
            var row = _database.Reload(id);
            Assert.Equal(NotificationStatus.Pending, row.Status);
            Assert.Equal(0, row.Attempts);
            Assert.Equal(Now.AddSeconds(30), row.NextAttemptAt);
            _scheduler.Verify(s => s.Schedule(id, Now.AddSeconds(30)), Times.Once());
        }

        var fault = Assert.Single(All<EmailFault>());
        Assert.Equal(CertificateFault, fault.Reason);
        Assert.Equal(Now, fault.Since);
        Assert.Null(fault.ClearedAt);
        var alert = Assert.Single(All<Alert>());
        Assert.Contains("Email is not being delivered: " + CertificateFault, alert.Message, StringComparison.Ordinal);
        // No "could not be delivered" email through the same broken relay.
        Assert.DoesNotContain(All<Notification>(), n => n.Type == NotificationType.DeliveryFailed);

        var dpo = await Status(Roles.Dpo);
        Assert.Equal(CertificateFault, dpo.Fault!.Reason);
        Assert.Equal(Now, dpo.Fault.Since);
        Assert.Equal(2, dpo.Waiting);
        var reporter = await Status(Roles.Reporter);
        Assert.True(reporter.ShowsFault);
        Assert.Null(reporter.Fault!.Reason);
    }

    [Fact]
    public async Task A_configuration_fault_never_uses_up_the_attempts()
    {
        var notification = _database.AddNotification(_incident.Id, "Alex Head", TestDatabase.SchoolAOfficerEmail, Now);
        Relay(EmailFailureKind.Configuration);

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(DeliveryOutcome.HeldByFault, await Deliver(notification.Id));
            _time.Advance(_settings.FaultRetryDelay);
        }

        var row = _database.Reload(notification.Id);
        Assert.Equal(NotificationStatus.Pending, row.Status);
        Assert.Equal(0, row.Attempts);
        _email.Verify(e => e.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()), Times.Exactly(6));
        Assert.Single(All<Alert>());
        Assert.Single(All<EmailFault>());
    }

    [Fact]
    public async Task When_the_relay_is_fixed_the_first_send_clears_the_fault_and_releases_the_waiting_notices()
    {
        var first = _database.AddNotification(_incident.Id, "Alex Head", TestDatabase.SchoolAOfficerEmail, Now);
        var second = _database.AddNotification(_incident.Id, "Dana Protect", TestDatabase.SilDpoEmail, Now);
        Relay(EmailFailureKind.Configuration);
        await Deliver(first.Id);
        _time.Advance(TimeSpan.FromSeconds(10));
        await Deliver(second.Id);

        Relay(null);
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(DeliveryOutcome.Sent, await Deliver(first.Id));

        Assert.Equal(Now.AddSeconds(30), Assert.Single(All<EmailFault>()).ClearedAt);
        _scheduler.Verify(s => s.Enqueue(second.Id), Times.Once());
        Assert.Equal(DeliveryOutcome.Sent, await Deliver(second.Id));
        Assert.True((await Status(Roles.Dpo)).Healthy);
    }

    [Theory]
    [InlineData(EmailFailureKind.Transient, DeliveryOutcome.RetryScheduled, NotificationStatus.Pending)]
    [InlineData(EmailFailureKind.Recipient, DeliveryOutcome.Failed, NotificationStatus.Failed)]
    public async Task Other_failures_raise_no_fault(EmailFailureKind kind, DeliveryOutcome outcome, NotificationStatus status)
    {
        var notification = _database.AddNotification(_incident.Id, "Alex Head", TestDatabase.SchoolAOfficerEmail, Now);
        Relay(kind, "SMTP 550: no such user");

        Assert.Equal(outcome, await Deliver(notification.Id));

        Assert.Equal(status, _database.Reload(notification.Id).Status);
        Assert.Empty(All<EmailFault>());
        Assert.False((await Status(Roles.Dpo)).ShowsFault);
    }

    [Fact]
    public async Task A_notice_owed_longer_than_stuck_after_is_shown_to_the_dpo_only()
    {
        _database.AddNotification(_incident.Id, "Alex Head", TestDatabase.SchoolAOfficerEmail, Now);
        _database.AddNotification(_incident.Id, "Dana Protect", TestDatabase.SilDpoEmail, Now.AddMinutes(5));

        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.False((await Status(Roles.Dpo)).ShowsStuck);

        _time.Advance(TimeSpan.FromMinutes(1));
        var dpo = await Status(Roles.Dpo);
        Assert.True(dpo.ShowsStuck);
        Assert.Equal(1, dpo.Stuck);
        Assert.Equal(2, dpo.Waiting);
        Assert.Equal(Now, dpo.OldestWaitingSince);
        Assert.True((await Status(Roles.Admin)).ShowsStuck);
        Assert.False((await Status(Roles.DesignatedOfficer)).ShowsStuck);
    }
}
