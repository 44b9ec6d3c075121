using Incidents.Application.Features.NoticeTemplates;
using Incidents.Domain.Agreements;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;

namespace Incidents.Application.Common.Words;

/// <summary>The one display vocabulary: every enum value a person may read (on a page, in the audit trail, in a case
/// report) in plain words. Pages go through <c>Display</c>, which asks here; the audit trail's stored JSON holds enum
/// names, which <see cref="OfName"/> turns back into words.</summary>
public static class Words
{
    /// <summary>The enums whose values are shown to people (a browser test scans pages for their member names).</summary>
    public static IReadOnlyList<Type> Vocabulary { get; } =
    [
        typeof(IncidentKind), typeof(IncidentStatus), typeof(TriageClassification), typeof(DecisionOutcome), typeof(SeverityLevel),
        typeof(FilingPhase), typeof(NoticeMethod), typeof(NoticeException), typeof(ActionKind), typeof(IcoDutyState), typeof(ReminderStage),
        typeof(NotificationStatus), typeof(NotificationType), typeof(RecipientReason), typeof(AgreementStatus), typeof(SuspensionStatus),
    ];

    public static string Of(Enum value) => value switch
    {
        null => string.Empty,
        IncidentKind kind => kind.Describe(),
        IncidentStatus status => status switch
        {
            IncidentStatus.Reported => "Reported",
            IncidentStatus.Triaged => "Triaged",
            IncidentStatus.Closed => "Closed",
            _ => Other,
        },
        TriageClassification classification => classification switch
        {
            TriageClassification.NearMiss => "Near miss",
            TriageClassification.PersonalDataBreach => "Personal data breach",
            TriageClassification.NotABreach => "Not a breach",
            TriageClassification.Complaint => "Complaint",
            TriageClassification.DataDiscrepancy => "Data discrepancy",
            _ => Other,
        },
        DecisionOutcome outcome => outcome switch
        {
            DecisionOutcome.RecordOnly => "Record only: do not report to the ICO",
            DecisionOutcome.ReportToIco => "Report to the ICO",
            DecisionOutcome.ReportToIcoAndDataSubjects => "Report to the ICO and tell the people affected",
            _ => Other,
        },
        SeverityLevel level => level switch
        {
            SeverityLevel.Low => "Low",
            SeverityLevel.Medium => "Medium",
            SeverityLevel.High => "High",
            SeverityLevel.VeryHigh => "Very high",
            _ => Other,
        },
        FilingPhase phase => phase switch
        {
            FilingPhase.Initial => "Initial",
            FilingPhase.FollowUp => "Follow-up",
            _ => Other,
        },
        NoticeMethod method => method switch
        {
            NoticeMethod.Letter => "Letter",
            NoticeMethod.Email => "Email",
            NoticeMethod.Phone => "Phone call",
            NoticeMethod.InPerson => "In person",
            NoticeMethod.PublicNotice => "Public notice",
            _ => Other,
        },
        NoticeException exception => exception switch
        {
            NoticeException.DataUnintelligible =>
                "The data cannot be read by anyone not allowed to see it, for example it was encrypted (Article 34(3)(a))",
            NoticeException.RiskNoLongerLikely =>
                "What we have done since means the high risk to people is no longer likely (Article 34(3)(b))",
            NoticeException.DisproportionateEffortPublicNotice =>
                "Telling each person would take disproportionate effort, so a public notice was used instead (Article 34(3)(c))",
            _ => Other,
        },
        ActionKind kind => kind switch
        {
            ActionKind.Containment => "Containment",
            ActionKind.Remedial => "Remedial",
            _ => Other,
        },
        IcoDutyState state => state.Describe(),
        ReminderStage stage => stage switch
        {
            ReminderStage.Hours48 => "48 hours left",
            ReminderStage.Hours24 => "24 hours left",
            ReminderStage.Hours6 => "6 hours left",
            ReminderStage.Overdue => "overdue",
            _ => Other,
        },
        NotificationStatus status => status switch
        {
            NotificationStatus.Pending => "Waiting to send",
            NotificationStatus.Sending => "Sending",
            NotificationStatus.Sent => "Sent",
            NotificationStatus.Failed => "Failed",
            _ => Other,
        },
        NotificationType type => NoticeFields.Describe(type),
        RecipientReason reason => NoticeFields.DescribeReason(reason),
        AgreementStatus status => status switch
        {
            AgreementStatus.Active => "Active",
            AgreementStatus.Suspended => "Suspended",
            AgreementStatus.Terminated => "Terminated",
            _ => Other,
        },
        SuspensionStatus status => status switch
        {
            SuspensionStatus.Active => "In force",
            SuspensionStatus.Ended => "Ended",
            SuspensionStatus.Lifted => "Lifted early",
            SuspensionStatus.Replaced => "Renewed",
            _ => Other,
        },
        _ => Other,
    };

    /// <summary>An account's role in words.</summary>
    public static string OfRole(string? role) => role switch
    {
        Security.Roles.Reporter => "member of staff",
        Security.Roles.DesignatedOfficer => "designated officer",
        Security.Roles.Dpo => "data protection officer",
        Security.Roles.Admin => "administrator",
        _ => "no role",
    };

    /// <summary>An enum member's name (as the audit trail's JSON stores it) in words; null when no shown enum has it.</summary>
    public static string? OfName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        foreach (var type in Vocabulary)
        {
            if (Enum.GetNames(type).Contains(name, StringComparer.Ordinal))
            {
                return Of((Enum)Enum.Parse(type, name));
            }
        }

        return null;
    }

    /// <summary>Never an identifier: an enum value added without words reads as "Other" (a unit test fails on it).</summary>
    private const string Other = "Other";
}
