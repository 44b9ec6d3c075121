using Incidents.Application.Features.Notifications;
using Incidents.Domain.Notifications;

namespace Incidents.UnitTests.Application.Agreements;

public sealed class SuspensionNoticeComposerTests
{
    private const string Attack = "<script>alert(1)</script>";

    private static readonly NotificationSettings Settings = new()
    {
        PublicUrl = new Uri("https://incidents.example.org/"),
        MessageIdDomain = "sil.example.org",
    };

    private static readonly Guid AgreementId = Guid.Parse("0196c0de-0000-7000-8000-0000000000a1");
    private static readonly DateTimeOffset StartsAt = new(2026, 3, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset EndsAt = new(2026, 4, 19, 9, 0, 0, TimeSpan.Zero);

    private static Notification ANotification(NotificationType type) =>
        new(Guid.NewGuid(), type, null, "Alex Head", "head@school-a.example.org", StartsAt, suspensionId: Guid.NewGuid());

    private static NotificationComposer.SuspensionFacts Facts(NotificationType type, bool renewal = false, string? endReason = null, string school = "Alpha Primary School") => new(
        type,
        school,
        "Schools IT Ltd",
        "Dana Protection",
        "Schools IT Ltd",
        "Repeated misdirected emails " + Attack,
        ["INC-2026-00041", "INC-2026-00042"],
        StartsAt,
        EndsAt,
        renewal,
        endReason,
        AgreementId);

    private static EmailMessageParts Compose(NotificationType type, bool renewal = false, string? endReason = null, string school = "Alpha Primary School")
    {
        var message = NotificationComposer.Suspension(ANotification(type), Facts(type, renewal, endReason, school), Settings);
        return new EmailMessageParts(message.Subject, message.TextBody, message.HtmlBody, message.To.Address);
    }

    private sealed record EmailMessageParts(string Subject, string Text, string Html, string To);

    [Fact]
    public void The_suspension_subject_names_the_school_and_the_end_in_london_time()
    {
        var message = Compose(NotificationType.AgreementSuspended);

        Assert.Equal("Agreement suspended: information sharing with Alpha Primary School suspended until Sunday 19 April 2026, 10:00 BST", message.Subject);
        Assert.DoesNotContain("script", message.Subject, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_renewal_has_its_own_subject()
    {
        var message = Compose(NotificationType.AgreementSuspended, renewal: true);

        Assert.StartsWith("Suspension renewed:", message.Subject, StringComparison.Ordinal);
        Assert.Contains("Sunday 19 April 2026, 10:00 BST", message.Subject, StringComparison.Ordinal);
        Assert.Contains("renewed the suspension of", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_suspension_notice_says_no_data_may_flow_and_lists_the_incidents_and_the_period()
    {
        var message = Compose(NotificationType.AgreementSuspended);

        Assert.Contains("no data may flow under the agreement until it is reinstated", message.Text, StringComparison.Ordinal);
        Assert.Contains("Incidents: INC-2026-00041, INC-2026-00042", message.Text, StringComparison.Ordinal);
        Assert.Contains("From: Friday 20 March 2026, 10:00 GMT", message.Text, StringComparison.Ordinal);
        Assert.Contains("Until: Sunday 19 April 2026, 10:00 BST", message.Text, StringComparison.Ordinal);
        Assert.Contains("INC-2026-00042", message.Html, StringComparison.Ordinal);
        Assert.Contains("no data may flow under the agreement until it is reinstated", message.Html, StringComparison.Ordinal);
        Assert.Equal("head@school-a.example.org", message.To);
    }

    [Fact]
    public void A_reason_with_markup_is_html_encoded_and_never_raw_in_the_html_part()
    {
        var message = Compose(NotificationType.AgreementSuspended);

        Assert.DoesNotContain(Attack, message.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", message.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", message.Html, StringComparison.Ordinal);
        Assert.Contains("Reason: Repeated misdirected emails " + Attack, message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_school_name_with_a_line_break_cannot_break_the_subject_line()
    {
        var message = Compose(NotificationType.AgreementSuspended, school: "Alpha\r\nBcc: z@evil.test");

        Assert.DoesNotContain('\r', message.Subject);
        Assert.DoesNotContain('\n', message.Subject);
    }

    [Fact]
    public void The_reminder_has_its_own_subject_with_the_end_in_london_time()
    {
        var message = Compose(NotificationType.SuspensionEndingSoon);

        Assert.Equal("Suspension ends Sunday 19 April 2026, 10:00 BST: information sharing with Alpha Primary School", message.Subject);
        Assert.Contains("reinstated automatically", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", message.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_reinstatement_has_its_own_subject_and_says_data_may_flow_again()
    {
        var message = Compose(NotificationType.AgreementReinstated, endReason: "The suspension period ended.");

        Assert.Equal("Agreement reinstated: information sharing with Alpha Primary School may resume", message.Subject);
        Assert.Contains("The suspension ended: The suspension period ended.", message.Text, StringComparison.Ordinal);
        Assert.Contains("Data may flow again", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("no data may flow", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_suspension_reminder_and_reinstatement_subjects_all_differ()
    {
        var subjects = new[] { NotificationType.AgreementSuspended, NotificationType.SuspensionEndingSoon, NotificationType.AgreementReinstated }
            .Select(t => Compose(t).Subject)
            .ToList();

        Assert.Equal(3, subjects.Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(NotificationType.AgreementSuspended)]
    [InlineData(NotificationType.SuspensionEndingSoon)]
    [InlineData(NotificationType.AgreementReinstated)]
    public void Every_notice_links_to_the_agreement(NotificationType type)
    {
        var message = Compose(type);
        var link = $"https://incidents.example.org/agreements/{AgreementId}";

        Assert.Contains($"Open the agreement: {link}", message.Text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", message.Html, StringComparison.Ordinal);
    }
}
