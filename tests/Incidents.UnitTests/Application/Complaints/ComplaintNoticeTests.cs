using Incidents.Application.Features.NoticeTemplates;
using Incidents.Domain.Notifications;

namespace Incidents.UnitTests.Application.Complaints;

/// <summary>The complaint notices' default templates: the outcome letter always names the ICO; the officers' notices
/// cannot name the complainant.</summary>
public sealed class ComplaintNoticeTests
{
    [Fact]
    public void The_outcome_letter_always_tells_the_complainant_of_their_right_to_complain_to_the_ico()
    {
        var (subject, body) = NoticeDefaults.For(NotificationType.ComplaintOutcome);

        var notice = NoticeRenderer.Render(subject, body, NoticeFields.Sample(NotificationType.ComplaintOutcome));

        Assert.Contains("You have the right to complain to the Information Commissioner's Office (ICO)", notice.Text, StringComparison.Ordinal);
        Assert.Contains("https://ico.org.uk/make-a-complaint/", notice.Text, StringComparison.Ordinal);
        Assert.Contains("partly upheld", notice.Text, StringComparison.Ordinal);
        Assert.Contains("CMP-2026-00042", notice.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(NotificationType.ComplaintReceived)]
    [InlineData(NotificationType.ComplaintReminder)]
    public void The_officers_notices_have_no_complainant_fields(NotificationType type)
    {
        var fields = NoticeFields.Names(NoticeFields.Sample(type));

        Assert.Contains("complaint.reference", fields);
        Assert.Contains("complaint.acknowledge_by", fields);
        Assert.DoesNotContain(fields, f => f.Contains("complainant", StringComparison.Ordinal) || f == "complaint.about");
        var (subject, body) = NoticeDefaults.For(type);
        var notice = NoticeRenderer.Render(subject, body, NoticeFields.Sample(type));
        Assert.DoesNotContain("Jo Parent", notice.Text, StringComparison.Ordinal);
        Assert.Contains("https://incidents.example.org/complaints/", notice.Text, StringComparison.Ordinal);
    }
}
