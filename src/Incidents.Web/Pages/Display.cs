using System.Globalization;
using Incidents.Domain.Agreements;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;

namespace Incidents.Web.Pages;

/// <summary>How values read on the pages: London time, plain-English names for codes.</summary>
public static class Display
{
    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public static string When(DateTimeOffset instant) => LondonTime.Format(instant);

    public static string When(DateTimeOffset? instant) => instant is { } i ? LondonTime.Format(i) : "Not recorded";

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", EnGb);

    /// <summary>Capitalises a phrase for the start of a line: "overdue by 2 hours" → "Overdue by 2 hours".</summary>
    public static string Sentence(string phrase) =>
        string.IsNullOrEmpty(phrase) ? phrase : char.ToUpperInvariant(phrase[0]) + phrase[1..];

    /// <summary>The tag colour for the ICO duty's state: red when overdue, otherwise by state.</summary>
    public static string DutyTagClass(Incidents.Application.Features.Incidents.IcoDutyView duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        return duty.Overdue ? "govuk-tag govuk-tag--red" : duty.State switch
        {
            IcoDutyState.DecisionOwed or IcoDutyState.ReportOwed => "govuk-tag govuk-tag--orange",
            IcoDutyState.FollowUpOwed => "govuk-tag govuk-tag--yellow",
            IcoDutyState.ReportedOnTime => "govuk-tag govuk-tag--green",
            IcoDutyState.ReportedLate => "govuk-tag govuk-tag--pink",
            _ => "govuk-tag govuk-tag--grey",
        };
    }

    /// <summary>What the ICO duty's state means, in a sentence, for the incident page.</summary>
    public static string DutyExplanation(Incidents.Application.Features.Incidents.IcoDutyView duty)
    {
        ArgumentNullException.ThrowIfNull(duty);
        return duty.State switch
        {
            IcoDutyState.DecisionOwed => "A decision on reporting to the ICO is still owed.",
            IcoDutyState.ReportOwed => "The decision is to report to the ICO: the report is still owed by the same deadline.",
            IcoDutyState.ReportedOnTime => $"Reported to the ICO on {When(duty.ReportedAt)}, within the 72 hours.",
            IcoDutyState.ReportedLate => $"Reported to the ICO on {When(duty.ReportedAt)}, after the 72 hours. Reasons for the delay: {duty.LateReason ?? "none recorded"}",
            IcoDutyState.FollowUpOwed => $"Reported to the ICO on {When(duty.ReportedAt)}{(duty.Late ? ", after the 72 hours" : ", within the 72 hours")}; the report said more would follow, so a follow-up report is owed.",
            IcoDutyState.NotReportable => "Decided not to report to the ICO; the reasons are kept with the decision (Art. 33(5)).",
            _ => string.Empty,
        };
    }

    public static string Number(int value) => value.ToString("N0", EnGb);

    /// <summary>A file size in words: "812 bytes", "14.2 KB", "3.1 MB".</summary>
    public static string Bytes(long size) => size switch
    {
        < 1024 => $"{size.ToString(EnGb)} bytes",
        < 1024 * 1024 => $"{(size / 1024.0).ToString("0.#", EnGb)} KB",
        _ => $"{(size / (1024.0 * 1024)).ToString("0.#", EnGb)} MB",
    };

    /// <summary>A span in words: "10 minutes", "1 hour 30 minutes", "45 seconds".</summary>
    public static string Duration(TimeSpan span)
    {
        static string Unit(int n, string unit) => $"{n.ToString(EnGb)} {unit}{(n == 1 ? "" : "s")}";
        var parts = new List<string>();
        if ((int)span.TotalHours > 0)
        {
            parts.Add(Unit((int)span.TotalHours, "hour"));
        }

        if (span.Minutes > 0)
        {
            parts.Add(Unit(span.Minutes, "minute"));
        }

        if (span.Seconds > 0 || parts.Count == 0)
        {
            parts.Add(Unit(span.Seconds, "second"));
        }

        return string.Join(" ", parts);
    }

    public static string Kind(IncidentKind kind) => kind.Describe();

    public static string KindHelp(IncidentKind kind) => kind switch
    {
        IncidentKind.ConfidentialityBreach => "Personal data was seen, sent or lost where it should not have been, for example an email to the wrong parent.",
        IncidentKind.SecurityBreach => "A breach of security or a serious breach of the agreement, for example a stolen laptop or a hacked account.",
        IncidentKind.Complaint => "Someone has complained about how the data shared under the agreement was handled.",
        IncidentKind.DataDiscrepancy => "Our records and the other party's records disagree.",
        IncidentKind.NearMiss => "Something almost went wrong but no data left our control. Only SIL's data protection officer is told.",
        _ => string.Empty,
    };

    public static string Status(IncidentStatus status) => status switch
    {
        IncidentStatus.Reported => "Reported",
        IncidentStatus.Triaged => "Triaged",
        IncidentStatus.Closed => "Closed",
        _ => status.ToString(),
    };

    public static string StatusTagClass(IncidentStatus status) => status switch
    {
        IncidentStatus.Reported => "govuk-tag govuk-tag--blue",
        IncidentStatus.Triaged => "govuk-tag govuk-tag--yellow",
        _ => "govuk-tag govuk-tag--grey",
    };

    public static string Classification(TriageClassification? classification) => classification switch
    {
        TriageClassification.NearMiss => "Near miss",
        TriageClassification.PersonalDataBreach => "Personal data breach",
        TriageClassification.NotABreach => "Not a breach",
        TriageClassification.Complaint => "Complaint",
        TriageClassification.DataDiscrepancy => "Data discrepancy",
        null => "Not yet classified",
        _ => classification.ToString()!,
    };

    public static string Outcome(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.RecordOnly => "Record only: do not report to the ICO",
        DecisionOutcome.ReportToIco => "Report to the ICO",
        DecisionOutcome.ReportToIcoAndDataSubjects => "Report to the ICO and tell the people affected",
        _ => outcome.ToString(),
    };

    public static string Severity(SeverityLevel? level) => level switch
    {
        SeverityLevel.Low => "Low",
        SeverityLevel.Medium => "Medium",
        SeverityLevel.High => "High",
        SeverityLevel.VeryHigh => "Very high",
        null => "Not scored",
        _ => level.ToString()!,
    };

    public static string Delivery(NotificationStatus status) => status switch
    {
        NotificationStatus.Pending => "Waiting to send",
        NotificationStatus.Sending => "Sending",
        NotificationStatus.Sent => "Sent",
        NotificationStatus.Failed => "Failed",
        _ => status.ToString(),
    };

    public static string DeliveryTagClass(NotificationStatus status) => status switch
    {
        NotificationStatus.Sent => "govuk-tag govuk-tag--green",
        NotificationStatus.Failed => "govuk-tag govuk-tag--red",
        _ => "govuk-tag govuk-tag--grey",
    };

    public static string Agreement(AgreementStatus status) => status switch
    {
        AgreementStatus.Active => "Active",
        AgreementStatus.Suspended => "Suspended",
        AgreementStatus.Terminated => "Terminated",
        _ => status.ToString(),
    };

    public static string AgreementTagClass(AgreementStatus status) => status switch
    {
        AgreementStatus.Active => "govuk-tag govuk-tag--green",
        AgreementStatus.Suspended => "govuk-tag govuk-tag--red",
        _ => "govuk-tag govuk-tag--grey",
    };

    public static string Suspension(SuspensionStatus status) => status.ToString();

    public static string Category(string code) => DataCategory.All.FirstOrDefault(c => c.Code == code)?.Label ?? code;

    public static string YesNo(bool value) => value ? "Yes" : "No";

    public static string Phase(FilingPhase phase) => phase switch
    {
        FilingPhase.Initial => "Initial",
        FilingPhase.FollowUp => "Follow-up",
        _ => phase.ToString(),
    };

    public static string NoticeMethod(NoticeMethod method) => method switch
    {
        Domain.Incidents.NoticeMethod.Letter => "Letter",
        Domain.Incidents.NoticeMethod.Email => "Email",
        Domain.Incidents.NoticeMethod.Phone => "Phone call",
        Domain.Incidents.NoticeMethod.InPerson => "In person",
        Domain.Incidents.NoticeMethod.PublicNotice => "Public notice",
        _ => method.ToString(),
    };

    /// <summary>The exceptions of Article 34(3) UK GDPR in plain English.</summary>
    public static string NoticeException(NoticeException exception) => exception switch
    {
        Domain.Incidents.NoticeException.DataUnintelligible =>
            "The data cannot be read by anyone not allowed to see it, for example it was encrypted (Article 34(3)(a))",
        Domain.Incidents.NoticeException.RiskNoLongerLikely =>
            "What we have done since means the high risk to people is no longer likely (Article 34(3)(b))",
        Domain.Incidents.NoticeException.DisproportionateEffortPublicNotice =>
            "Telling each person would take disproportionate effort, so a public notice was used instead (Article 34(3)(c))",
        _ => exception.ToString(),
    };
}
