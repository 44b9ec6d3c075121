namespace Incidents.Domain.Timers;

/// <summary>
/// Every kind of durable timer. A kind is a stored contract (rows hold it): never rename one. Adding a clock is
/// adding a kind here and one handler for it; the app refuses to start if a kind has no handler.
/// </summary>
public static class TimerKinds
{
    /// <summary>ICO clock (72 hours): remind the DPO and assignee at 48, 24, 6 hours left and overdue. Subject:
    /// the incident; argument: the <see cref="Incidents.ReminderStage"/>.</summary>
    public const string IcoReminder = "IcoReminder";

    /// <summary>Clause 10: a reminder before a suspension ends. Subject: the suspension; argument: how long before.</summary>
    public const string SuspensionReminder = "SuspensionReminder";

    /// <summary>Clause 10: the automatic reinstatement at the end of a suspension. Subject: the suspension.</summary>
    public const string SuspensionReinstatement = "SuspensionReinstatement";

    /// <summary>The annual review reminder, 30 days before 1 September. Subject: the agreement; argument: the review date.</summary>
    public const string AgreementReview = "AgreementReview";

    /// <summary>A complaint's 30-day acknowledgement clock: remind at 10, 3 and 1 day left and when overdue. Subject:
    /// the complaint; argument: the days left.</summary>
    public const string ComplaintAcknowledgement = "ComplaintAcknowledgement";

    /// <summary>Clauses 9.6, 9.7: a data discrepancy's due date, to the provider's officers. Subject: the discrepancy;
    /// argument: <c>DueSoon</c> or <c>Overdue</c>.</summary>
    public const string DiscrepancyReminder = "DiscrepancyReminder";

    /// <summary>Clause 9.5: the monthly retention review (flag due records, remind SIL's DPO while any are due). Subject:
    /// <see cref="Guid.Empty"/>; dedup key: <c>RetentionReview:{yyyy-MM}</c>.</summary>
    public const string RetentionReview = "RetentionReview";

    public static IReadOnlyList<string> All { get; } = [IcoReminder, SuspensionReminder, SuspensionReinstatement, AgreementReview,
        ComplaintAcknowledgement, DiscrepancyReminder, RetentionReview,
    ];
}
