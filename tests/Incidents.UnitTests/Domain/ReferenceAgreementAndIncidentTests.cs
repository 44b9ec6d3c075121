using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;

namespace Incidents.UnitTests.Domain;

public sealed class ReferenceTests
{
    [Theory]
    [InlineData(2026, 42, "INC-2026-00042")]
    [InlineData(2026, 1, "INC-2026-00001")]
    [InlineData(2027, 99999, "INC-2027-99999")]
    public void A_reference_is_the_year_and_a_five_digit_number(int year, int number, string expected)
    {
        Assert.Equal(expected, Reference.Format(year, number));
    }
}

public sealed class AgreementTests
{
    private readonly Guid _sil = Guid.NewGuid();
    private readonly Guid _school = Guid.NewGuid();

    [Fact]
    public void The_counterparty_of_sil_is_the_school_and_of_the_school_is_sil()
    {
        var agreement = new Agreement(Guid.NewGuid(), _sil, _school, 1, new DateOnly(2025, 9, 1));

        Assert.Equal(_school, agreement.CounterpartyOf(_sil));
        Assert.Equal(_sil, agreement.CounterpartyOf(_school));
    }

    [Fact]
    public void An_organisation_outside_the_agreement_has_no_counterparty()
    {
        var agreement = new Agreement(Guid.NewGuid(), _sil, _school, 1, new DateOnly(2025, 9, 1));

        Assert.Throws<ArgumentException>(() => agreement.CounterpartyOf(Guid.NewGuid()));
        Assert.False(agreement.IsParty(Guid.NewGuid()));
        Assert.True(agreement.IsParty(_school));
    }

    [Fact]
    public void A_new_agreement_is_active_and_between_two_different_organisations()
    {
        Assert.Equal(AgreementStatus.Active, new Agreement(Guid.NewGuid(), _sil, _school, 1, new DateOnly(2025, 9, 1)).Status);
        Assert.Throws<ArgumentException>(() => new Agreement(Guid.NewGuid(), _sil, _sil, 1, new DateOnly(2025, 9, 1)));
    }
}

public sealed class IncidentTests
{
    private static readonly DateTimeOffset ReportedAt = new(2026, 5, 5, 12, 0, 0, TimeSpan.Zero);

    private static Incident Create(DateTimeOffset discoveredAt, DateTimeOffset reportedAt) =>
        new(Guid.NewGuid(), "INC-2026-00001", IncidentKind.ConfidentialityBreach, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            "user-1", "Rita Reporter", discoveredAt, reportedAt, "Summary", "Description", ["Names", "Names", "Upn"], 3, null);

    [Fact]
    public void An_incident_cannot_be_discovered_after_it_was_reported()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Create(ReportedAt.AddSeconds(1), ReportedAt));

        Assert.Equal("discoveredAt", ex.ParamName);
    }

    [Fact]
    public void An_incident_discovered_when_it_was_reported_is_accepted_and_stored_in_utc()
    {
        var reportedInBst = ReportedAt.ToOffset(TimeSpan.FromHours(1));

        var incident = Create(reportedInBst, reportedInBst);

        Assert.Equal(TimeSpan.Zero, incident.ReportedAt.Offset);
        Assert.Equal(ReportedAt, incident.DiscoveredAt);
        Assert.Equal(IncidentStatus.Reported, incident.Status);
        Assert.Equal(["Names", "Upn"], incident.DataCategories);
    }

    [Fact]
    public void A_notification_message_id_is_its_id_at_the_domain()
    {
        var id = Guid.NewGuid();
        var notification = new Notification(id, NotificationType.IncidentReported, null, "Dana", "dpo@sil.example.org", ReportedAt);

        Assert.Equal($"{id:N}@sil.example.org", notification.MessageId("sil.example.org"));
        Assert.Equal(NotificationStatus.Pending, notification.Status);
        Assert.Equal(ReportedAt, notification.NextAttemptAt);
    }
}
