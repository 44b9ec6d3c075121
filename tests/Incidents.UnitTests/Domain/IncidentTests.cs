using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;

namespace Incidents.UnitTests.Domain;

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
