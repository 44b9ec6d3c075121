using Incidents.Domain.Incidents;

namespace Incidents.Application.Features.Incidents;

/// <summary>The ICO duty as the one rule (<see cref="IcoDuty.Of"/>) computes it, for the API and the pages.</summary>
/// <param name="State">Where the duty stands.</param>
/// <param name="Label">The state for people ("Report to the ICO owed").</param>
/// <param name="AwareAt">When SIL became aware (the clock's start; the discovery unless the DPO moved it).</param>
/// <param name="AwareAtReason">Why the DPO moved it, if they did.</param>
/// <param name="Deadline">72 hours from awareness; null when no clock applies.</param>
/// <param name="Owed">A decision or the initial report is still owed.</param>
/// <param name="Overdue">Owed and past the deadline.</param>
/// <param name="Late">The initial report was filed after the deadline.</param>
/// <param name="LateReason">The reasons given for the delay.</param>
/// <param name="ReportedAt">When the initial report was submitted.</param>
/// <param name="MinutesLeft">While owed and open: whole minutes before the deadline (negative when overdue).</param>
/// <param name="Countdown">"2 days 7 hours left", "overdue by 16 hours 24 minutes", or null.</param>
public sealed record IcoDutyView(
    IcoDutyState State,
    string Label,
    DateTimeOffset AwareAt,
    string? AwareAtReason,
    DateTimeOffset? Deadline,
    bool Owed,
    bool Overdue,
    bool Late,
    string? LateReason,
    DateTimeOffset? ReportedAt,
    long? MinutesLeft,
    string? Countdown)
{
    public static IcoDutyView From(Incident incident, IcoDutyStatus duty)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(duty);
        long? minutes = duty.TimeLeft is { } left ? (long)Math.Floor(left.TotalMinutes)
            : duty.OverdueBy is { } by ? -(long)Math.Floor(by.TotalMinutes)
            : null;
        return new IcoDutyView(duty.State, duty.State.Describe(), incident.AwareAt, incident.AwareAtReason, duty.Deadline, duty.Owed, duty.Overdue,
            duty.Late, duty.LateReason, duty.ReportedAt, minutes, duty.Countdown);
    }
}
