using System.Globalization;
using Incidents.Domain.Common;
using Incidents.Domain.Timers;

namespace Incidents.Domain.Agreements;

/// <summary>The annual review reminder of an agreement (clause 10: reissued each September): a
/// <see cref="TimerKinds.AgreementReview"/> timer due at the start of the London day 30 days before the review date,
/// once per agreement and review date (its <see cref="DurableTimer.DedupKey"/> is unique).</summary>
public static class ReviewReminder
{
    public static readonly TimeSpan Lead = TimeSpan.FromDays(30);

    /// <summary>Whether, on <paramref name="today"/>, the reminder for <paramref name="reviewDate"/> is due.</summary>
    public static bool IsDue(DateOnly today, DateOnly reviewDate) =>
        today < reviewDate && today >= reviewDate.AddDays(-(int)Lead.TotalDays);

    /// <summary>Midnight in London at the start of the first day the reminder is due, in UTC.</summary>
    public static DateTimeOffset DueAt(DateOnly reviewDate) =>
        LondonTime.FromLondonWallClock(reviewDate.AddDays(-(int)Lead.TotalDays).ToDateTime(TimeOnly.MinValue));

    public static string KeyFor(Guid agreementId, DateOnly reviewDate) =>
        string.Create(CultureInfo.InvariantCulture, $"{TimerKinds.AgreementReview}:{agreementId:D}:{reviewDate:yyyy-MM-dd}");

    public static DurableTimer For(Guid agreementId, DateOnly reviewDate, Guid id) =>
        new(id, TimerKinds.AgreementReview, agreementId, DueAt(reviewDate), reviewDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), KeyFor(agreementId, reviewDate));

    public static DateOnly ReviewDateOf(DurableTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return DateOnly.ParseExact(timer.Argument ?? throw new InvalidOperationException($"Review timer {timer.Id} has no review date."), "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
