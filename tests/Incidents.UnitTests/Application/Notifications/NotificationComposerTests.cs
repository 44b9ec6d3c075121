using Incidents.Application.Features.Notifications;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;

namespace Incidents.UnitTests.Application.Notifications;

public sealed class NotificationComposerTests
{
    private const string Attack = "<script>alert('x')</script>";

    private static readonly NotificationSettings Settings = new()
    {
        PublicUrl = new Uri("https://incidents.example.org/sil/"),
        MessageIdDomain = "sil.example.org",
    };

    private static readonly Guid IncidentId = Guid.Parse("0196c0de-0000-7000-8000-000000000042");

    private readonly Notification _notification = new(Guid.NewGuid(), NotificationType.IncidentReported, IncidentId,
        "Alex <b>Head</b>", "head@school-a.example.org", new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero));

    private static NotificationComposer.IncidentFacts Facts(IncidentKind kind = IncidentKind.ConfidentialityBreach) => new(
        IncidentId,
        "INC-2026-00042",
        kind,
        "Alpha Primary School",
        "Schools IT Ltd",
        "Rita " + Attack,
        new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 6, 18, 12, 0, 0, TimeSpan.Zero),
        "Summary " + Attack,
        "What happened " + Attack + "\n\nSecond paragraph & more",
        ["Names", "Upn"],
        1234,
        "Contained " + Attack);

    [Fact]
    public void User_text_is_html_encoded_in_the_html_part()
    {
        var message = NotificationComposer.IncidentReported(_notification, Facts(), Settings);

        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>Head</b>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Second paragraph &amp; more", message.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_subject_has_the_reference_and_no_user_supplied_text()
    {
        var message = NotificationComposer.IncidentReported(_notification, Facts(), Settings);

        Assert.Equal("[INC-2026-00042] Breach of confidentiality reported by Alpha Primary School", message.Subject);
        Assert.DoesNotContain("Summary", message.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("script", message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_body_has_the_reference_london_times_the_ico_deadline_and_the_link()
    {
        var message = NotificationComposer.IncidentReported(_notification, Facts(), Settings);

        Assert.Contains("INC-2026-00042", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Discovered: Monday 15 June 2026, 10:00 BST", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("ICO deadline: Thursday 18 June 2026, 13:00 BST", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Open the incident: https://incidents.example.org/sil/incidents/{IncidentId}", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"https://incidents.example.org/sil/incidents/{IncidentId}\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Approximate number of people: 1,234", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Unique pupil numbers (UPN)", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_complaint_has_no_ico_deadline()
    {
        var message = NotificationComposer.IncidentReported(_notification, Facts(IncidentKind.Complaint), Settings);

        Assert.Contains("ICO deadline: Not applicable", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("18 June 2026", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void The_message_goes_to_the_notifications_recipient_with_its_message_id()
    {
        var message = NotificationComposer.IncidentReported(_notification, Facts(), Settings);

        Assert.Equal("head@school-a.example.org", message.To.Address);
        Assert.Equal($"{_notification.Id:N}@sil.example.org", message.MessageId);
    }

    [Fact]
    public void The_reporting_organisations_name_is_one_line_in_the_subject()
    {
        var facts = Facts() with { ReportingOrganisation = "Alpha\r\nBcc: victim@example.org" };

        var message = NotificationComposer.IncidentReported(_notification, facts, Settings);

        Assert.DoesNotContain('\n', message.Subject);
        Assert.DoesNotContain('\r', message.Subject);
    }
}
