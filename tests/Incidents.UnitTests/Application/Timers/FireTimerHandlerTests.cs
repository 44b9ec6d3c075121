using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Timers;
using Incidents.Application.Features.Timers;
using Incidents.Domain.Notifications;
using Incidents.Domain.Timers;
using Incidents.UnitTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Incidents.UnitTests.Application.Timers;

/// <summary>The one claim and dispatch: a due timer is fired once, by the handler of its kind, never early, never while
/// another run holds it; a failure leaves it pending with its error.</summary>
public sealed class FireTimerHandlerTests : IDisposable
{
    private const string KindA = "Test.A";
    private const string KindB = "Test.B";
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 10, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly TimerSettings _settings = new() { ClaimLease = TimeSpan.FromSeconds(30), Horizon = TimeSpan.FromMinutes(2) };
    private readonly Mock<ITimerScheduler> _scheduler = new();
    private readonly Mock<INotificationScheduler> _notifications = new();
    private readonly RecordingHandler _a;
    private readonly RecordingHandler _b;

    public FireTimerHandlerTests()
    {
        _a = new RecordingHandler(KindA, _database);
        _b = new RecordingHandler(KindB, _database);
    }

    public void Dispose() => _database.Dispose();

    private FireTimerHandler Handler() => new(
        _database.Db,
        new TimerHandlerRegistry([_a, _b], [KindA, KindB]),
        new TimerRequests(_scheduler.Object, _settings, _time, NullLogger<TimerRequests>.Instance),
        _scheduler.Object,
        _notifications.Object,
        _settings,
        _time,
        NullLogger<FireTimerHandler>.Instance);

    private Guid AddTimer(string kind, DateTimeOffset dueAt, DateTimeOffset? claimedUntil = null)
    {
        var timer = new DurableTimer(Guid.NewGuid(), kind, Guid.NewGuid(), dueAt);
        _database.Db.Timers.Add(timer);
        _database.Db.SaveChanges();
        _database.Db.ChangeTracker.Clear();
        if (claimedUntil is not null)
        {
            _database.Db.Timers.Where(t => t.Id == timer.Id).ExecuteUpdate(s => s.SetProperty(t => t.ClaimedUntil, claimedUntil));
        }

        return timer.Id;
    }

    private DurableTimer Reload(Guid id)
    {
        using var context = _database.NewContext();
        return context.Timers.AsNoTracking().Single(t => t.Id == id);
    }

    private Task<bool> FireAsync(Guid id) => Handler().Handle(new FireTimerCommand(id), CancellationToken.None).AsTask();

    [Fact]
    public async Task A_due_timer_is_fired_by_the_handler_of_its_kind_and_only_that_one()
    {
        var id = AddTimer(KindB, Now.AddMinutes(-1));

        Assert.True(await FireAsync(id));

        Assert.Equal([id], _b.Fired);
        Assert.Empty(_a.Fired);
        var timer = Reload(id);
        Assert.Equal(TimerStatus.Fired, timer.Status);
        Assert.Equal(Now, timer.FiredAt);
        Assert.Equal(1, timer.Attempts);
        Assert.Null(timer.ClaimedUntil);
    }

    [Fact]
    public async Task A_timer_fires_once_however_often_its_job_runs()
    {
        var id = AddTimer(KindA, Now);

        Assert.True(await FireAsync(id));
        Assert.False(await FireAsync(id));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.False(await FireAsync(id));

        Assert.Single(_a.Fired);
        Assert.Equal(1, Reload(id).Attempts);
    }

    [Fact]
    public async Task A_timer_is_never_fired_early_and_its_job_asks_again_at_the_due_time()
    {
        var dueAt = Now.AddSeconds(20);
        var id = AddTimer(KindA, dueAt);

        Assert.False(await FireAsync(id));

        Assert.Empty(_a.Fired);
        Assert.Equal(TimerStatus.Pending, Reload(id).Status);
        Assert.Equal(0, Reload(id).Attempts);
        _scheduler.Verify(s => s.Schedule(id, dueAt), Times.Once());
    }

    [Fact]
    public async Task A_timer_held_by_a_live_claim_is_not_fired_twice_and_is_asked_for_again_when_the_lease_runs_out()
    {
        var leaseEnd = Now.AddSeconds(10);
        var id = AddTimer(KindA, Now.AddMinutes(-1), claimedUntil: leaseEnd);

        Assert.False(await FireAsync(id));

        Assert.Empty(_a.Fired);
        _scheduler.Verify(s => s.Schedule(id, leaseEnd), Times.Once());
    }

    [Fact]
    public async Task A_claim_left_by_a_run_that_died_is_taken_over_once_its_lease_has_run_out()
    {
        var id = AddTimer(KindA, Now.AddMinutes(-5), claimedUntil: Now.AddSeconds(-1));

        Assert.True(await FireAsync(id));

        Assert.Single(_a.Fired);
        Assert.Equal(TimerStatus.Fired, Reload(id).Status);
    }

    [Fact]
    public async Task A_moot_timer_is_cancelled_and_sends_nothing()
    {
        _a.Outcome = TimerOutcome.Moot;
        var id = AddTimer(KindA, Now);

        Assert.False(await FireAsync(id));

        Assert.Equal(TimerStatus.Cancelled, Reload(id).Status);
        _notifications.Verify(n => n.Enqueue(It.IsAny<Guid>()), Times.Never());
    }

    [Fact]
    public async Task The_notices_a_handler_writes_are_committed_with_the_timer_and_asked_for_after_commit()
    {
        _a.WriteNotice = true;
        var id = AddTimer(KindA, Now);

        Assert.True(await FireAsync(id));

        var notice = Assert.Single(_a.Notices);
        using var context = _database.NewContext();
        Assert.True(context.Notifications.Any(n => n.Id == notice));
        _notifications.Verify(n => n.Enqueue(notice), Times.Once());
    }

    [Fact]
    public async Task A_handler_that_fails_leaves_the_timer_pending_with_its_error_and_rolls_back_what_it_wrote()
    {
        _a.WriteNotice = true;
        _a.Throw = new InvalidOperationException("The relay said no");
        var id = AddTimer(KindA, Now);

        await Assert.ThrowsAsync<InvalidOperationException>(() => FireAsync(id));

        var timer = Reload(id);
        Assert.Equal(TimerStatus.Pending, timer.Status);
        Assert.Equal("The relay said no", timer.LastError);
        Assert.Null(timer.ClaimedUntil);
        Assert.Equal(1, timer.Attempts);
        using (var context = _database.NewContext())
        {
            Assert.Equal(0, context.Notifications.Count());
        }

        _a.Throw = null;
        Assert.True(await FireAsync(id));
        Assert.Equal(2, Reload(id).Attempts);
        Assert.Null(Reload(id).LastError);
    }

    [Fact]
    public async Task A_timer_that_is_no_longer_ours_when_its_handler_ends_is_not_marked_fired_and_its_work_is_rolled_back()
    {
        _a.WriteNotice = true;
        _a.CancelItself = true;
        var id = AddTimer(KindA, Now);

        Assert.False(await FireAsync(id));

        Assert.NotEqual(TimerStatus.Fired, Reload(id).Status);
        using var context = _database.NewContext();
        Assert.Equal(0, context.Notifications.Count());
        _notifications.Verify(n => n.Enqueue(It.IsAny<Guid>()), Times.Never());
    }

    [Fact]
    public async Task A_timer_of_a_kind_nobody_handles_fails_clearly_and_stays_pending()
    {
        var id = AddTimer("Test.Unknown", Now);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => FireAsync(id));

        Assert.Contains("Test.Unknown", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimerStatus.Pending, Reload(id).Status);
        Assert.Contains("Test.Unknown", Reload(id).LastError, StringComparison.Ordinal);
    }

    private sealed class RecordingHandler(string kind, TestDatabase database) : ITimerHandler
    {
        public string Kind => kind;

        public List<Guid> Fired { get; } = [];

        public List<Guid> Notices { get; } = [];

        public TimerOutcome? Outcome { get; set; }

        public bool WriteNotice { get; set; }

        public bool CancelItself { get; set; }

        public Exception? Throw { get; set; }

        public async Task<TimerOutcome> FireAsync(DurableTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Fired.Add(timer.Id);
            var notices = new List<Guid>();
            if (WriteNotice)
            {
                var notice = new Notification(Guid.NewGuid(), NotificationType.IncidentReported, null, "Dana Protection", TestDatabase.SilDpoEmail, now);
                database.Db.Notifications.Add(notice);
                notices.Add(notice.Id);
                Notices.Add(notice.Id);
            }

            if (CancelItself)
            {
                // As a change that cancels it meanwhile would (a decision, a lift); one connection here, so it is rolled back too.
                await database.Db.Timers.Where(t => t.Id == timer.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled), cancellationToken);
            }

            if (Throw is not null)
            {
                throw Throw;
            }

            return Outcome ?? TimerOutcome.Done(notices);
        }
    }
}
