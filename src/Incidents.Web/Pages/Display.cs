using System.Globalization;
using Incidents.Application.Common.Words;
using Incidents.Application.Features.Incidents;
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

    /// <summary>The day alone when only the day is known: "Tuesday 3 March 2026 (time not known)".</summary>
    public static string When(DateTimeOffset instant, bool timeUnknown) => LondonTime.Format(instant, timeUnknown);

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

    public static string Status(IncidentStatus status) => Words.Of(status);

    public static string StatusTagClass(IncidentStatus status) => status switch
    {
        IncidentStatus.Reported => "govuk-tag govuk-tag--blue",
        IncidentStatus.Triaged => "govuk-tag govuk-tag--yellow",
        _ => "govuk-tag govuk-tag--grey",
    };

    public static string Classification(TriageClassification? classification) => classification is { } c ? Words.Of(c) : "Not yet classified";

    public static string Outcome(DecisionOutcome outcome) => Words.Of(outcome);

    public static string Severity(SeverityLevel? level) => level is { } l ? Words.Of(l) : "Not scored";

    public static string Delivery(NotificationStatus status) => Words.Of(status);

    public static string DeliveryTagClass(NotificationStatus status) => status switch
    {
        NotificationStatus.Sent => "govuk-tag govuk-tag--green",
        NotificationStatus.Failed => "govuk-tag govuk-tag--red",
        _ => "govuk-tag govuk-tag--grey",
    };

    public static string Agreement(AgreementStatus status) => Words.Of(status);

    public static string AgreementTagClass(AgreementStatus status) => status switch
    {
        AgreementStatus.Active => "govuk-tag govuk-tag--green",
        AgreementStatus.Suspended => "govuk-tag govuk-tag--red",
        _ => "govuk-tag govuk-tag--grey",
    };

    public static string Suspension(SuspensionStatus status) => Words.Of(status);

    public static string Category(string code) => DataCategory.All.FirstOrDefault(c => c.Code == code)?.Label ?? code;

    public static string YesNo(bool value) => value ? "Yes" : "No";

    public static string Phase(FilingPhase phase) => Words.Of(phase);

    public static string NoticeMethod(NoticeMethod method) => Words.Of(method);

    /// <summary>The exceptions of Article 34(3) UK GDPR in plain English.</summary>
    public static string NoticeException(NoticeException exception) => Words.Of(exception);

    public static string ActionKind(ActionKind kind) => Words.Of(kind);

    /// <summary>Any value of a shown enum, in words (the one vocabulary).</summary>
    public static string Of(Enum value) => Words.Of(value);

    public static string TaskStatus(IncidentTaskStatus status) => status switch
    {
        IncidentTaskStatus.Done => "Completed",
        IncidentTaskStatus.InProgress => "In progress",
        IncidentTaskStatus.NotStarted => "Not yet started",
        _ => "Cannot start yet",
    };

    public static string TaskStatusClass(IncidentTaskStatus status) => status switch
    {
        IncidentTaskStatus.Done => "govuk-task-list__status",
        IncidentTaskStatus.InProgress => "govuk-task-list__status",
        IncidentTaskStatus.NotStarted => "govuk-task-list__status",
        _ => "govuk-task-list__status govuk-task-list__status--cannot-start-yet",
    };

    /// <summary>"1 incident", "3 incidents", "no incidents".</summary>
    public static string Count(int n, string noun) => IncidentTasks.Count(n, noun);

    /// <summary>The ENISA data processing context in words (1 simple … 4 sensitive).</summary>
    public static string SeverityContext(int context) => context switch
    {
        <= 1 => "simple data",
        2 => "data about behaviour",
        3 => "financial data",
        _ => "sensitive data",
    };

    /// <summary>The ENISA ease of identification in words.</summary>
    public static string Identification(double ease) => ease switch
    {
        <= 0.25 => "hardly identifiable",
        <= 0.5 => "identifiable with some effort",
        <= 0.75 => "easily identifiable",
        _ => "identifiable at once",
    };
}
