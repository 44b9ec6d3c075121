namespace Incidents.Domain.Agreements;

/// <summary>That the reminder of one agreement's annual review (clause 10: reissued each September) was sent.
/// Unique per agreement and review date, so it is sent once however often the check runs.</summary>
public sealed class ReviewReminder
{
    public static readonly TimeSpan Lead = TimeSpan.FromDays(30);

    private ReviewReminder()
    {
    }

    public ReviewReminder(Guid id, Guid agreementId, DateOnly reviewDate, DateTimeOffset sentAt)
    {
        Id = id;
        AgreementId = agreementId;
        ReviewDate = reviewDate;
        SentAt = sentAt;
    }

    public Guid Id { get; private set; }
    public Guid AgreementId { get; private set; }
    public DateOnly ReviewDate { get; private set; }
    public DateTimeOffset SentAt { get; private set; }

    /// <summary>Whether, on <paramref name="today"/>, the reminder for <paramref name="reviewDate"/> is due.</summary>
    public static bool IsDue(DateOnly today, DateOnly reviewDate) =>
        today < reviewDate && today >= reviewDate.AddDays(-(int)Lead.TotalDays);
}
