using Incidents.Application.Features.NoticeTemplates;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;

namespace Incidents.UnitTests.Application.NoticeTemplates;

/// <summary>The ICO reminder's default template says what the one duty rule says is owed, with the time in words.</summary>
public sealed class IcoReminderNoticeTests
{
    private static readonly DateTimeOffset Discovered = new(2026, 6, 1, 7, 45, 0, TimeSpan.Zero);

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

    private static RenderedNotice Render(Incident incident, DateTimeOffset now)
    {
        var duty = IcoDuty.Of(incident, [], now);
        var model = NoticeFields.Sample(NotificationType.IcoReminder);
        model["ico"] = NoticeFields.Ico(duty.Deadline!.Value, now, duty.State == IcoDutyState.ReportOwed);
        var (subject, body) = NoticeDefaults.For(NotificationType.IcoReminder);
        return NoticeRenderer.Render(subject, body, model);
    }

    [Fact]
    public void With_no_decision_it_asks_for_a_decision_with_the_time_left_in_words()
    {
        var mail = Render(Breach(null), Discovered.AddHours(72) - new TimeSpan(1, 23, 10, 0));

        Assert.Equal("[INC-2026-00042] 1 day 23 hours left to decide whether to report to the ICO", mail.Subject);
        Assert.Contains("No ICO decision is recorded", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void After_a_decision_to_report_it_says_the_report_is_owed()
    {
        var mail = Render(Breach(DecisionOutcome.ReportToIco), Discovered.AddHours(66));

        Assert.Equal("[INC-2026-00042] 6 hours left to report to the ICO", mail.Subject);
        Assert.Contains("the report is still owed", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Past_the_deadline_it_says_overdue_by_how_long_in_words()
    {
        var mail = Render(Breach(DecisionOutcome.ReportToIco), Discovered.AddHours(72) + new TimeSpan(16, 24, 0));

        Assert.Equal("[INC-2026-00042] The ICO 72-hour deadline has passed with no report to the ICO recorded", mail.Subject);
        Assert.Contains("overdue by 16 hours 24 minutes", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("16.4", mail.Text, StringComparison.Ordinal);
    }
}
