using Incidents.Application.Features.Notifications;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;

namespace Incidents.UnitTests.Application.Notifications;

/// <summary>The ICO reminder says what the duty rule says is owed, with the time in words.</summary>
public sealed class IcoReminderComposerTests
{
    private static readonly NotificationSettings Settings = new()
    {
        PublicUrl = new Uri("https://incidents.example.org/"),
        MessageIdDomain = "sil.example.org",
    };

    private static readonly DateTimeOffset Discovered = new(2026, 6, 1, 7, 45, 0, TimeSpan.Zero);

    private static readonly Notification Reminder = new(Guid.NewGuid(), NotificationType.IcoReminder, Guid.NewGuid(), "Dana", "dpo@sil.test", Discovered);

    private static Incident Breach(DecisionOutcome? outcome)
    {
        var incident = new Incident(Guid.NewGuid(), "INC-2026-00042", IncidentKind.ConfidentialityBreach, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            "u", "Rita", Discovered, Discovered.AddHours(17), "Summary", "Description", [], null, null);
        if (outcome is { } o)
        {
            incident.Decide(true, true, false, o, "Considered.", "Dana", Discovered.AddHours(18));
        }

        return incident;
    }

    [Fact]
    public void With_no_decision_it_asks_for_a_decision_with_the_time_left_in_words()
    {
        var now = Discovered.AddHours(72) - new TimeSpan(1, 23, 10, 0);
        var mail = NotificationComposer.IcoReminder(Reminder, "INC-2026-00042", IcoDuty.Of(Breach(null), [], now), now, Guid.NewGuid(), Settings);

        Assert.Equal("[INC-2026-00042] 1 day 23 hours left to decide whether to report to the ICO", mail.Subject);
        Assert.Contains("No ICO decision is recorded", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_decision_to_report_it_says_the_report_is_owed()
    {
        var now = Discovered.AddHours(66);
        var mail = NotificationComposer.IcoReminder(Reminder, "INC-2026-00042", IcoDuty.Of(Breach(DecisionOutcome.ReportToIco), [], now), now, Guid.NewGuid(), Settings);

        Assert.Equal("[INC-2026-00042] 6 hours left to report to the ICO", mail.Subject);
        Assert.Contains("the report is still owed", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Past_the_deadline_it_says_overdue_by_how_long_in_words()
    {
        var now = Discovered.AddHours(72) + new TimeSpan(16, 24, 0);
        var mail = NotificationComposer.IcoReminder(Reminder, "INC-2026-00042", IcoDuty.Of(Breach(DecisionOutcome.ReportToIco), [], now), now, Guid.NewGuid(), Settings);

        Assert.Equal("[INC-2026-00042] The ICO 72-hour deadline has passed with no report to the ICO recorded", mail.Subject);
        Assert.Contains("overdue by 16 hours 24 minutes", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("16.4", mail.TextBody, StringComparison.Ordinal);
    }
}
