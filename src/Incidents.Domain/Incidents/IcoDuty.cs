using Incidents.Domain.Common;

namespace Incidents.Domain.Incidents;

/// <summary>Where the Art. 33 duty to report to the ICO stands. A stored contract in the API: never rename one.</summary>
public enum IcoDutyState
{
    /// <summary>No ICO clock: triage found no personal data breach (or it was not reported as a breach).</summary>
    NotApplicable,

    /// <summary>A possible personal data breach with no decision on reporting yet; the 72 hours run.</summary>
    DecisionOwed,

    /// <summary>Decided to report; the initial report to the ICO is still owed, against the same deadline.</summary>
    ReportOwed,

    /// <summary>The initial report was filed within 72 hours of awareness.</summary>
    ReportedOnTime,

    /// <summary>The initial report was filed after the deadline, with the reasons for the delay (Art. 33(1)).</summary>
    ReportedLate,

    /// <summary>Reported, and the initial report said more would follow: a follow-up report is owed (Art. 33(4)).</summary>
    FollowUpOwed,

    /// <summary>Decided not to report, with the reasons kept (Art. 33(5)).</summary>
    NotReportable,
}

/// <summary>The duty's state as one rule computes it; every screen, API answer, reminder and email reads this.</summary>
/// <param name="State">Where the duty stands.</param>
/// <param name="Deadline">72 hours from awareness (UTC); null when no clock applies.</param>
/// <param name="Owed">A decision or the initial report is still owed.</param>
/// <param name="Overdue">Owed and past the deadline.</param>
/// <param name="Late">The initial report was filed after the deadline.</param>
/// <param name="LateReason">The reasons given for a late initial report.</param>
/// <param name="ReportedAt">When the initial report was submitted to the ICO.</param>
/// <param name="TimeLeft">Time left before the deadline, only while owed, open and not overdue; closed or reported incidents have no countdown.</param>
/// <param name="OverdueBy">How long past the deadline while still owed.</param>
/// <param name="RemindersRun">Whether the ICO reminders should run: open and owed (until the initial report is filed).</param>
public sealed record IcoDutyStatus(
    IcoDutyState State,
    DateTimeOffset? Deadline,
    bool Owed,
    bool Overdue,
    bool Late,
    string? LateReason,
    DateTimeOffset? ReportedAt,
    TimeSpan? TimeLeft,
    TimeSpan? OverdueBy,
    bool RemindersRun)
{
    /// <summary>The deadline the incident is waiting on: the ICO deadline while a decision or the initial report is owed
    /// on an open incident (when the reminders run), else null. Stored on the incident (<see cref="Incident.NextDeadline"/>)
    /// so the triage queue orders and pages in the database.</summary>
    public DateTimeOffset? NextDeadline => RemindersRun ? Deadline : null;

    /// <summary>"2 days 7 hours left", "overdue by 16 hours 24 minutes", or null when there is nothing to count.</summary>
    public string? Countdown =>
        TimeLeft is { } left ? DurationWords.Left(left)
        : OverdueBy is { } by ? DurationWords.OverdueBy(by)
        : null;
}

/// <summary>
/// The one rule for the ICO duty (UK GDPR Art. 33): decision owed → report to the ICO owed (deadline unchanged) →
/// reported on time / reported late (with reason) → follow-up owed (when the initial report said more would follow);
/// or not reportable (with reasons, Art. 33(5)). The queue, the dashboard, the incident page, the API, the reminders
/// and the emails all call <see cref="Of"/>; none computes lateness itself.
/// </summary>
public static class IcoDuty
{
    public static IcoDutyStatus Of(Incident incident, IEnumerable<IcoFiling> filings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(filings);
        if (!incident.IcoClockApplies)
        {
            return new IcoDutyStatus(IcoDutyState.NotApplicable, null, false, false, false, null, null, null, null, false);
        }

        var deadline = incident.IcoDeadline;
        var open = incident.Status != IncidentStatus.Closed;
        var own = filings.Where(f => f.IncidentId == incident.Id).ToList();
        var initial = own.Where(f => f.Phase == FilingPhase.Initial).OrderBy(f => f.SubmittedAt).FirstOrDefault();

        IcoDutyState state;
        if (incident.Decision is not { } decision)
        {
            state = IcoDutyState.DecisionOwed;
        }
        else if (!decision.RequiresIco())
        {
            state = IcoDutyState.NotReportable;
        }
        else if (initial is null)
        {
            state = IcoDutyState.ReportOwed;
        }
        else if (initial.FollowUpExpected && !own.Any(f => f.Phase == FilingPhase.FollowUp && f.SubmittedAt >= initial.SubmittedAt))
        {
            state = IcoDutyState.FollowUpOwed;
        }
        else
        {
            state = initial.IsLate(deadline) ? IcoDutyState.ReportedLate : IcoDutyState.ReportedOnTime;
        }

        var owed = state is IcoDutyState.DecisionOwed or IcoDutyState.ReportOwed;
        var overdue = owed && now > deadline;
        var late = initial is not null && RequiresReport(incident) && initial.IsLate(deadline);
        return new IcoDutyStatus(
            state,
            deadline,
            owed,
            overdue,
            late,
            late ? initial!.LateReason : null,
            RequiresReport(incident) ? initial?.SubmittedAt : null,
            owed && open && !overdue ? deadline - now : null,
            overdue ? now - deadline : null,
            owed && open);

        static bool RequiresReport(Incident i) => i.Decision is { } d && d.RequiresIco();
    }

    /// <summary>For people: "Decision owed", "Report to the ICO owed", "Reported on time"…</summary>
    public static string Describe(this IcoDutyState state) => state switch
    {
        IcoDutyState.NotApplicable => "Not applicable",
        IcoDutyState.DecisionOwed => "Decision owed",
        IcoDutyState.ReportOwed => "Report to the ICO owed",
        IcoDutyState.ReportedOnTime => "Reported on time",
        IcoDutyState.ReportedLate => "Reported late",
        IcoDutyState.FollowUpOwed => "Follow-up report owed",
        IcoDutyState.NotReportable => "Not reportable",
        _ => state.ToString(),
    };
}
