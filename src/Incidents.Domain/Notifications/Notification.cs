namespace Incidents.Domain.Notifications;

public enum NotificationStatus
{
    /// <summary>Owed and not yet sent; due at <see cref="Notification.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>Claimed by one job until <see cref="Notification.ClaimedUntil"/>; a claim that runs out is taken again.</summary>
    Sending,

    Sent,

    /// <summary>Given up: a permanent rejection or too many attempts. The DPO is told by another route.</summary>
    Failed,
}

public enum NotificationType
{
    /// <summary>A breach, complaint, discrepancy or near miss has been reported (clauses 11.4, 11.5).</summary>
    IncidentReported,

    /// <summary>To the reporter: a receipt with the reference and what happens next.</summary>
    IncidentReceipt,

    /// <summary>Another notice could not be delivered; sent to SIL's DPO.</summary>
    DeliveryFailed,

    /// <summary>The ICO clock is running out with no decision recorded; sent to SIL's DPO and the assignee.</summary>
    IcoReminder,

    /// <summary>An agreement was suspended (or the suspension renewed): both parties' officers and SIL's DPO.</summary>
    AgreementSuspended,

    /// <summary>A suspension ends soon.</summary>
    SuspensionEndingSoon,

    /// <summary>The agreement is back in force (automatically at the end, or lifted early).</summary>
    AgreementReinstated,

    /// <summary>The agreement's annual review (1 September) is 30 days away: SIL's officers and DPO.</summary>
    AgreementReviewDue,

    /// <summary>Someone is guessing at an account's password: sent to the account's owner.</summary>
    SignInAttempts,

    /// <summary>An administrator disabled the account: sent to its owner.</summary>
    AccountDisabled,

    /// <summary>An administrator re-enabled the account: sent to its owner.</summary>
    AccountEnabled,

    /// <summary>An administrator set a new password for the account: sent to its owner.</summary>
    PasswordReset,

    /// <summary>A complaint was received (clause 11.1): the handling party's officers, SIL's DPO and the other party's officers.</summary>
    ComplaintReceived,

    /// <summary>To the complainant: a receipt with the reference.</summary>
    ComplaintReceipt,

    /// <summary>A complaint's acknowledgement is due soon or overdue: the handling party's officers, SIL's DPO, the assignee.</summary>
    ComplaintReminder,

    /// <summary>To the complainant: the complaint is acknowledged and being looked at.</summary>
    ComplaintAcknowledged,

    /// <summary>To the complainant: the outcome letter (with the right to complain to the ICO).</summary>
    ComplaintOutcome,

    /// <summary>A data discrepancy was raised: the data provider's designated officers (clause 9.6).</summary>
    DiscrepancyRaised,

    /// <summary>A data discrepancy is due soon or overdue: the data provider's designated officers.</summary>
    DiscrepancyReminder,
    /// <summary>Clause 9.5: records are past their retention date and wait for review; monthly to SIL's DPO while any are due.</summary>
    RetentionReviewDue,

    /// <summary>One party confirmed a data discrepancy's corrections (clause 9.6): the other party's designated officers.</summary>
    DiscrepancyConfirmed,

    /// <summary>Both parties confirmed: the discrepancy is closed. Both parties' designated officers.</summary>
    DiscrepancyClosed,

    /// <summary>Someone without an account asked for one: SIL's administrators, with a link to the pending requests.</summary>
    AccessRequested,

    /// <summary>An access request was approved: the requester is invited to set a password for their new account.</summary>
    AccountInvite,
}

/// <summary>Why a person gets an incident notice; the notice says so, and what they must do.</summary>
public enum RecipientReason
{
    /// <summary>A designated officer of the other party (clause 11.4): determines the action required.</summary>
    CounterpartyOfficer,

    /// <summary>SIL's DPO (clause 11.5): triages, and decides on the ICO report within the 72 hours.</summary>
    Dpo,

    /// <summary>A designated officer of the reporting party: their own organisation's breach.</summary>
    OwnOfficer,

    /// <summary>The person who reported it: a receipt.</summary>
    Reporter,
}

/// <summary>
/// An email the system owes one person. The row is the source of truth: it is written in the same
/// transaction as the change that caused it, and jobs only carry its id.
/// </summary>
public sealed class Notification
{
    public const int LastErrorMaxLength = 1000;

    private Notification()
    {
        RecipientName = string.Empty;
        RecipientEmail = string.Empty;
    }

    public Notification(Guid id, NotificationType type, Guid? incidentId, string recipientName, string recipientEmail, DateTimeOffset createdAt, Guid? aboutNotificationId = null, Incidents.ReminderStage? reminderStage = null, Guid? suspensionId = null, Guid? agreementId = null,
        RecipientReason? reason = null, string? recipientOrganisation = null, Guid? contactId = null, Guid? resendOfNotificationId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipientEmail);
        Id = id;
        Type = type;
        IncidentId = incidentId;
        RecipientName = recipientName;
        RecipientEmail = recipientEmail;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
        Status = NotificationStatus.Pending;
        AboutNotificationId = aboutNotificationId;
        ReminderStage = reminderStage;
        SuspensionId = suspensionId;
        AgreementId = agreementId;
        Reason = reason;
        RecipientOrganisation = recipientOrganisation;
        ContactId = contactId;
        ResendOfNotificationId = resendOfNotificationId;
    }

    /// <summary>A new notice to the same person about the same thing as <paramref name="failed"/>, at the address now on
    /// record (<paramref name="name"/>, <paramref name="email"/>), linked to it.</summary>
    public static Notification ResendOf(Notification failed, Guid id, string name, string email, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(failed);
        return new Notification(id, failed.Type, failed.IncidentId, name, email, now, failed.AboutNotificationId, failed.ReminderStage,
            failed.SuspensionId, failed.AgreementId, failed.Reason, failed.RecipientOrganisation, failed.ContactId, failed.Id)
        {
            ComplaintId = failed.ComplaintId,
            DiscrepancyId = failed.DiscrepancyId,
        };
    }

    /// <summary>A notice about a data discrepancy (<see cref="DiscrepancyId"/>) to one of the provider's officers.</summary>
    public static Notification AboutDiscrepancy(Guid id, NotificationType type, Guid discrepancyId, string name, string email, DateTimeOffset now,
        string? recipientOrganisation, Guid? contactId) =>
        new(id, type, null, name, email, now, recipientOrganisation: recipientOrganisation, contactId: contactId)
        {
            DiscrepancyId = discrepancyId,
        };

    public Guid Id { get; private set; }
    public NotificationType Type { get; private set; }
    public Guid? IncidentId { get; private set; }

    /// <summary>For a <see cref="NotificationType.DeliveryFailed"/> notice: the notification that failed.</summary>
    public Guid? AboutNotificationId { get; private set; }

    /// <summary>For an <see cref="NotificationType.IcoReminder"/>: which reminder.</summary>
    public Incidents.ReminderStage? ReminderStage { get; private set; }

    /// <summary>For a suspension notice: the suspension it is about.</summary>
    public Guid? SuspensionId { get; private set; }

    /// <summary>For an agreement notice (the annual review): the agreement.</summary>
    public Guid? AgreementId { get; private set; }

    /// <summary>For an incident notice: why this person is told (the notice says so).</summary>
    public RecipientReason? Reason { get; private set; }

    /// <summary>The recipient's organisation when the notice was written.</summary>
    public string? RecipientOrganisation { get; private set; }

    /// <summary>The contact it was addressed from, when it was (so a resend can use the corrected address).</summary>
    public Guid? ContactId { get; private set; }

    /// <summary>For a data discrepancy notice: the discrepancy.</summary>
    public Guid? DiscrepancyId { get; private set; }

    /// <summary>For a resend: the failed notification it replaces.</summary>
    public Guid? ResendOfNotificationId { get; private set; }

    /// <summary>For a complaint notice: the complaint.</summary>
    public Guid? ComplaintId { get; private set; }

    /// <summary>Marks the notice as about a complaint (see <see cref="ComplaintId"/>).</summary>
    public Notification AboutComplaint(Guid complaintId)
    {
        ComplaintId = complaintId;
        return this;
    }

    /// <summary>The version of the notice template that wrote it (0: the shipped default), set when it is sent.</summary>
    public int? TemplateVersion { get; private set; }

    public string RecipientName { get; private set; }
    public string RecipientEmail { get; private set; }
    public NotificationStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? ClaimedUntil { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The RFC 5322 Message-Id of this notice: the same on every attempt, so a resend is recognisable.</summary>
    public string MessageId(string domain) => $"{Id:N}@{domain}";
}
