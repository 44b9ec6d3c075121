using Incidents.Application.Common;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Timers;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Incidents;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Incidents.UnitTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Incidents.UnitTests.Application.Incidents;

public sealed class ReportIncidentHandlerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 10, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database;
    private readonly FakeTimeProvider _time = new(Now);
    private readonly Mock<ICurrentUser> _user = new();
    private readonly Mock<INotificationScheduler> _scheduler = new(MockBehavior.Strict);
    private readonly Mock<ITimerScheduler> _timers = new();

    public ReportIncidentHandlerTests()
    {
        _database = new TestDatabase();
        _user.Setup(u => u.OrganisationId).Returns(_database.SchoolA.Id);
        _user.Setup(u => u.UserId).Returns("user-1");
        _user.Setup(u => u.DisplayName).Returns("Rita Reporter");
        _user.Setup(u => u.IsInRole(It.IsAny<string>())).Returns(false);
        _scheduler.Setup(s => s.Enqueue(It.IsAny<Guid>()));
    }

    public void Dispose() => _database.Dispose();

    private TimerRequests Timers() => new(_timers.Object, new TimerSettings(), _time, NullLogger<TimerRequests>.Instance);

    private ReportIncidentHandler Handler() =>
        new(_database.Db, _user.Object, _scheduler.Object, Timers(), new AuditTrail(_database.Db, _user.Object, _time), _time, NullLogger<ReportIncidentHandler>.Instance, new ReportLookups(_database.Db), new YearCounterRows());

    private ReportIncidentCommand Command(IncidentKind kind = IncidentKind.ConfidentialityBreach, Guid? counterparty = null) => new(
        kind,
        counterparty ?? _database.Sil.Id,
        _time.GetUtcNow().AddHours(-1),
        "  Pupil report emailed to the wrong parent  ",
        "A term report was emailed to another pupil's parent.",
        ["Names", "PupilRecords"],
        1);

    private List<Notification> NotificationsOf(Guid incidentId)
    {
        using var context = _database.NewContext();
        return context.Notifications.AsNoTracking().Where(n => n.IncidentId == incidentId).ToList();
    }

    [Fact]
    public async Task Reports_are_numbered_from_one_in_the_year()
    {
        var first = await Handler().Handle(Command(), CancellationToken.None);
        var second = await Handler().Handle(Command(), CancellationToken.None);

        Assert.Equal("INC-2026-00001", first.Reference);
        Assert.Equal("INC-2026-00002", second.Reference);
        using var context = _database.NewContext();
        var stored = context.Incidents.AsNoTracking().Single(i => i.Id == first.Id);
        Assert.Equal("INC-2026-00001", stored.Reference);
        Assert.Equal(_database.SchoolA.Id, stored.ReportingOrganisationId);
        Assert.Equal(_database.Sil.Id, stored.CounterpartyOrganisationId);
        Assert.Equal(_database.AgreementWithSchoolA.Id, stored.AgreementId);
        Assert.Equal("user-1", stored.ReporterUserId);
        Assert.Equal("Pupil report emailed to the wrong parent", stored.Summary);
        Assert.Equal(Now, stored.ReportedAt);
    }

    [Fact]
    public async Task A_report_half_an_hour_before_new_year_in_london_is_numbered_in_the_old_year()
    {
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 31, 23, 30, 0, TimeSpan.Zero));
        var lastOfYear = await Handler().Handle(Command(), CancellationToken.None);

        _time.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 30, 0, TimeSpan.Zero));
        var firstOfYear = await Handler().Handle(Command(), CancellationToken.None);

        Assert.Equal("INC-2026-00001", lastOfYear.Reference);
        Assert.Equal("INC-2027-00001", firstOfYear.Reference);
    }

    [Fact]
    public async Task A_breach_reported_by_a_school_writes_one_pending_notification_per_recipient()
    {
        var result = await Handler().Handle(Command(), CancellationToken.None);

        var rows = NotificationsOf(result.Id);
        Assert.Equal(
            [TestDatabase.SilDpoEmail, TestDatabase.SchoolAOfficerEmail, TestDatabase.SilOfficerEmail],
            rows.Select(n => n.RecipientEmail).Order(StringComparer.Ordinal));
        Assert.Equal(RecipientReason.OwnOfficer, rows.Single(n => n.RecipientEmail == TestDatabase.SchoolAOfficerEmail).Reason);
        Assert.Equal(RecipientReason.Dpo, rows.Single(n => n.RecipientEmail == TestDatabase.SilDpoEmail).Reason);
        Assert.Equal(RecipientReason.CounterpartyOfficer, rows.Single(n => n.RecipientEmail == TestDatabase.SilOfficerEmail).Reason);
        Assert.All(rows, n =>
        {
            Assert.Equal(NotificationStatus.Pending, n.Status);
            Assert.Equal(NotificationType.IncidentReported, n.Type);
            Assert.Equal(0, n.Attempts);
            Assert.Equal(Now, n.NextAttemptAt);
        });
        Assert.Equal(rows.Select(n => n.Id).Order(), result.Notified.Select(n => n.NotificationId).Order());
    }

    [Fact]
    public async Task A_breach_reported_by_sil_notifies_the_schools_officers_the_dpo_and_sils_own_officers()
    {
        _user.Setup(u => u.OrganisationId).Returns(_database.Sil.Id);

        var result = await Handler().Handle(Command(counterparty: _database.SchoolA.Id), CancellationToken.None);

        Assert.Equal(
            [TestDatabase.SilDpoEmail, TestDatabase.SchoolAOfficerEmail, TestDatabase.SilOfficerEmail],
            NotificationsOf(result.Id).Select(n => n.RecipientEmail).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_near_miss_goes_to_the_dpo_and_the_reporters_own_officers_only_and_raises_no_alert()
    {
        var result = await Handler().Handle(Command(IncidentKind.NearMiss), CancellationToken.None);

        var rows = NotificationsOf(result.Id);
        Assert.Equal([TestDatabase.SilDpoEmail, TestDatabase.SchoolAOfficerEmail], rows.Select(n => n.RecipientEmail).Order(StringComparer.Ordinal));
        var row = rows.Single(n => n.RecipientEmail == TestDatabase.SilDpoEmail);
        using var context = _database.NewContext();
        Assert.Empty(context.Alerts.AsNoTracking().Where(a => a.IncidentId == result.Id));
        _scheduler.Verify(s => s.Enqueue(row.Id), Times.Once());
    }

    [Fact]
    public async Task Every_notification_is_enqueued_once_after_the_transaction_is_committed()
    {
        var observed = new List<(Guid Id, bool InTransaction, NotificationStatus? StoredStatus)>();
        _scheduler.Setup(s => s.Enqueue(It.IsAny<Guid>())).Callback<Guid>(id =>
        {
            using var other = _database.NewContext();
            observed.Add((id, _database.Db.Database.CurrentTransaction is not null,
                other.Notifications.AsNoTracking().Where(n => n.Id == id).Select(n => (NotificationStatus?)n.Status).SingleOrDefault()));
        });

        var result = await Handler().Handle(Command(), CancellationToken.None);

        _scheduler.Verify(s => s.Enqueue(It.IsAny<Guid>()), Times.Exactly(3));
        foreach (var notified in result.Notified)
        {
            _scheduler.Verify(s => s.Enqueue(notified.NotificationId), Times.Once());
        }

        Assert.Equal(3, observed.Count);
        Assert.All(observed, o =>
        {
            Assert.False(o.InTransaction);
            Assert.Equal(NotificationStatus.Pending, o.StoredStatus);
        });
    }

    [Fact]
    public async Task When_enqueueing_fails_the_report_still_succeeds_and_the_rows_stay_pending()
    {
        _scheduler.Setup(s => s.Enqueue(It.IsAny<Guid>())).Throws(new InvalidOperationException("job storage is down"));

        var result = await Handler().Handle(Command(), CancellationToken.None);

        Assert.Equal("INC-2026-00001", result.Reference);
        Assert.Equal(3, result.Notified.Count);
        _scheduler.Verify(s => s.Enqueue(It.IsAny<Guid>()), Times.Exactly(3));
        var rows = NotificationsOf(result.Id);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, n => Assert.Equal(NotificationStatus.Pending, n.Status));
    }

    [Fact]
    public async Task A_discovery_slightly_in_the_future_is_stored_as_now()
    {
        var result = await Handler().Handle(Command() with { DiscoveredAt = Now.AddMinutes(2) }, CancellationToken.None);

        using var context = _database.NewContext();
        var stored = context.Incidents.AsNoTracking().Single(i => i.Id == result.Id);
        Assert.Equal(Now, stored.DiscoveredAt);
    }

    [Fact]
    public async Task A_counterparty_with_no_designated_officer_raises_an_alert()
    {
        _user.Setup(u => u.OrganisationId).Returns(_database.Sil.Id);
        var bare = new Organisation(Guid.NewGuid(), "Gamma School", OrganisationKind.School, "100003");
        _database.Db.Organisations.Add(bare);
        _database.Db.Agreements.Add(new Agreement(Guid.NewGuid(), _database.Sil.Id, bare.Id, 1, new DateOnly(2025, 9, 1)));
        await _database.Db.SaveChangesAsync();

        var result = await Handler().Handle(Command(counterparty: bare.Id), CancellationToken.None);

        using var context = _database.NewContext();
        var alert = Assert.Single(context.Alerts.AsNoTracking().Where(a => a.IncidentId == result.Id));
        Assert.Contains("Gamma School has no designated officer", alert.Message, StringComparison.Ordinal);
        Assert.Equal([TestDatabase.SilDpoEmail, TestDatabase.SilOfficerEmail], NotificationsOf(result.Id).Select(n => n.RecipientEmail).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_breach_with_every_recipient_on_record_raises_no_alert()
    {
        var result = await Handler().Handle(Command(), CancellationToken.None);

        using var context = _database.NewContext();
        Assert.Empty(context.Alerts.AsNoTracking().Where(a => a.IncidentId == result.Id));
    }

    /// <summary>Exposes a bug in src: see the report. SIL's DPO also named as one of SIL's designated officers
    /// (the case the de-duplication in NotificationRouting exists for) is emailed once, yet the handler raises
    /// an alert saying no DPO was emailed.</summary>
    [Fact]
    public async Task A_dpo_who_is_also_a_designated_officer_is_emailed_once_without_a_false_no_dpo_alert()
    {
        using var database = new TestDatabase(silDpoIsAlsoADesignatedOfficer: true);
        _user.Setup(u => u.OrganisationId).Returns(database.SchoolA.Id);
        var handler = new ReportIncidentHandler(database.Db, _user.Object, _scheduler.Object, Timers(), new AuditTrail(database.Db, _user.Object, _time), _time, NullLogger<ReportIncidentHandler>.Instance, new ReportLookups(database.Db), new YearCounterRows());

        var result = await handler.Handle(Command(counterparty: database.Sil.Id), CancellationToken.None);

        using var context = database.NewContext();
        var emails = context.Notifications.AsNoTracking().Where(n => n.IncidentId == result.Id).Select(n => n.RecipientEmail).ToList();
        Assert.Single(emails, e => e.Equals(TestDatabase.SilDpoEmail, StringComparison.OrdinalIgnoreCase));
        var alerts = context.Alerts.AsNoTracking().Where(a => a.IncidentId == result.Id).Select(a => a.Message).ToList();
        Assert.DoesNotContain(alerts, m => m.Contains("no DPO", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_reporter_gets_a_receipt_at_their_accounts_address_and_an_inactive_contact_gets_nothing()
    {
        _database.Db.Set<ApplicationUser>().Add(new ApplicationUser { Id = "user-1", UserName = "rita@school-a.example.org", Email = "rita@school-a.example.org", DisplayName = "Rita Reporter", OrganisationId = _database.SchoolA.Id });
        var officer = _database.Db.Contacts.Single(c => c.Email == TestDatabase.SchoolAOfficerEmail);
        officer.Update(officer.Name, officer.Email, officer.Role, active: false);
        await _database.Db.SaveChangesAsync();

        var result = await Handler().Handle(Command(), CancellationToken.None);

        var rows = NotificationsOf(result.Id);
        var receipt = Assert.Single(rows, n => n.Type == NotificationType.IncidentReceipt);
        Assert.Equal("rita@school-a.example.org", receipt.RecipientEmail);
        Assert.Equal(RecipientReason.Reporter, receipt.Reason);
        Assert.DoesNotContain(rows, n => n.RecipientEmail == TestDatabase.SchoolAOfficerEmail);
        Assert.Contains(result.Notified, n => n.Reason == RecipientReason.Reporter && n.Organisation == _database.SchoolA.Name);
    }
}
