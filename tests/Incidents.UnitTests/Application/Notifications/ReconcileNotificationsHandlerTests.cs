using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Timers;
using Incidents.Application.Features.Notifications;
using Incidents.Application.Features.Timers;
using Incidents.Domain.Notifications;
using Incidents.UnitTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Incidents.UnitTests.Application.Notifications;

public sealed class ReconcileNotificationsHandlerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 10, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly Mock<INotificationScheduler> _scheduler = new();
    private readonly NotificationSettings _settings = new() { ReconcileGrace = TimeSpan.FromSeconds(30) };

    private readonly Guid _overdue;
    private readonly Guid _justDue;
    private readonly Guid _notYetDue;
    private readonly Guid _sent;
    private readonly Guid _failed;
    private readonly Guid _expiredClaim;
    private readonly Guid _liveClaim;

    public ReconcileNotificationsHandlerTests()
    {
        _overdue = Add(Now.AddMinutes(-5));
        _justDue = Add(Now.AddSeconds(-10));
        _notYetDue = Add(Now.AddMinutes(5));
        _sent = Add(Now.AddMinutes(-10), NotificationStatus.Sent);
        _failed = Add(Now.AddMinutes(-10), NotificationStatus.Failed);
        _expiredClaim = Add(Now.AddMinutes(-10), NotificationStatus.Sending, claimedUntil: Now.AddSeconds(-1));
        _liveClaim = Add(Now.AddMinutes(-10), NotificationStatus.Sending, claimedUntil: Now.AddMinutes(4));
    }

    public void Dispose() => _database.Dispose();

    /// <summary>Puts a row in the state a delivery run would have left it in.</summary>
    private Guid Add(DateTimeOffset due, NotificationStatus status = NotificationStatus.Pending, DateTimeOffset? claimedUntil = null)
    {
        var id = _database.AddNotification(null, "Dana Protection", TestDatabase.SilDpoEmail, due).Id;
        _database.Db.Notifications.Where(n => n.Id == id).ExecuteUpdate(s => s
            .SetProperty(n => n.Status, status)
            .SetProperty(n => n.ClaimedUntil, claimedUntil));
        return id;
    }

    private ReconcileNotificationsHandler Handler() =>
        new(_database.Db, _scheduler.Object, new TimerReconciler(_database.Db, [], new Mock<ITimerScheduler>().Object, new TimerSettings(), _time, NullLogger<TimerReconciler>.Instance),
            _settings, _time, NullLogger<ReconcileNotificationsHandler>.Instance);

    [Fact]
    public async Task At_startup_every_due_pending_row_and_every_expired_claim_is_enqueued()
    {
        var count = await Handler().Handle(new ReconcileNotificationsCommand(AtStartup: true), CancellationToken.None);

        Assert.Equal(3, count);
        _scheduler.Verify(s => s.Enqueue(_overdue), Times.Once());
        _scheduler.Verify(s => s.Enqueue(_justDue), Times.Once());
        _scheduler.Verify(s => s.Enqueue(_expiredClaim), Times.Once());
        _scheduler.Verify(s => s.Enqueue(It.IsAny<Guid>()), Times.Exactly(3));
    }

    [Fact]
    public async Task Periodically_only_rows_overdue_by_more_than_the_grace_are_enqueued()
    {
        var count = await Handler().Handle(new ReconcileNotificationsCommand(AtStartup: false), CancellationToken.None);

        Assert.Equal(2, count);
        _scheduler.Verify(s => s.Enqueue(_overdue), Times.Once());
        _scheduler.Verify(s => s.Enqueue(_expiredClaim), Times.Once());
        _scheduler.Verify(s => s.Enqueue(_justDue), Times.Never());
        _scheduler.Verify(s => s.Enqueue(It.IsAny<Guid>()), Times.Exactly(2));
    }

    [Fact]
    public async Task Sent_failed_live_claims_and_rows_not_yet_due_are_left_alone()
    {
        await Handler().Handle(new ReconcileNotificationsCommand(AtStartup: true), CancellationToken.None);

        _scheduler.Verify(s => s.Enqueue(_sent), Times.Never());
        _scheduler.Verify(s => s.Enqueue(_failed), Times.Never());
        _scheduler.Verify(s => s.Enqueue(_liveClaim), Times.Never());
        _scheduler.Verify(s => s.Enqueue(_notYetDue), Times.Never());
        _scheduler.Verify(s => s.Schedule(It.IsAny<Guid>(), It.IsAny<DateTimeOffset>()), Times.Never());
    }

    [Fact]
    public async Task A_row_becomes_owed_once_time_passes_its_due_time_and_the_grace()
    {
        _time.Advance(TimeSpan.FromMinutes(5) + _settings.ReconcileGrace);

        await Handler().Handle(new ReconcileNotificationsCommand(AtStartup: false), CancellationToken.None);

        _scheduler.Verify(s => s.Enqueue(_notYetDue), Times.Once());
        _scheduler.Verify(s => s.Enqueue(_liveClaim), Times.Once());
        _scheduler.Verify(s => s.Enqueue(_justDue), Times.Once());
        _scheduler.Verify(s => s.Enqueue(_sent), Times.Never());
    }

    [Fact]
    public async Task Reconciling_changes_no_rows()
    {
        await Handler().Handle(new ReconcileNotificationsCommand(AtStartup: true), CancellationToken.None);

        Assert.Equal(NotificationStatus.Pending, _database.Reload(_overdue).Status);
        Assert.Equal(NotificationStatus.Sending, _database.Reload(_expiredClaim).Status);
        Assert.Equal(0, _database.Reload(_overdue).Attempts);
    }
}
