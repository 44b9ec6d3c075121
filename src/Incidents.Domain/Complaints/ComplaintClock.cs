using System.Globalization;
using Incidents.Domain.Agreements;
using Incidents.Domain.Timers;

namespace Incidents.Domain.Complaints;

/// <summary>
/// The acknowledgement clock (Data (Use and Access) Act 2025 s.103): a complaint is acknowledged within 30 days of
/// being received, counted in London calendar days (10:00 on 20 March is due 10:00 on 19 April, across the clock
/// change). Reminders go at 10, 3 and 1 day left and when the deadline passes; each is a <see cref="DurableTimer"/>
/// of kind <see cref="TimerKinds.ComplaintAcknowledgement"/> whose argument is the days left.
/// </summary>
public static class ComplaintClock
{
    public static readonly TimeSpan Period = TimeSpan.FromDays(30);

    /// <summary>Days left at which a reminder goes (0: the deadline has passed).</summary>
    public static IReadOnlyList<int> ReminderDaysLeft { get; } = [10, 3, 1, 0];

    public static DateTimeOffset AcknowledgeBy(DateTimeOffset receivedAt) => SuspensionCalendar.Add(receivedAt, Period);

    /// <summary>When the reminder with <paramref name="daysLeft"/> is due: that many London calendar days before the deadline.</summary>
    public static DateTimeOffset ReminderAt(DateTimeOffset acknowledgeBy, int daysLeft) =>
        daysLeft == 0 ? acknowledgeBy.ToUniversalTime() : SuspensionCalendar.Before(acknowledgeBy, TimeSpan.FromDays(daysLeft));

    /// <summary>The reminders of a complaint, skipping those already past when it was logged (a complaint logged late);
    /// the overdue one is always planned (it fires at once if the deadline has already passed).</summary>
    public static IReadOnlyList<DurableTimer> Reminders(Guid complaintId, DateTimeOffset acknowledgeBy, DateTimeOffset now, Func<Guid> newId)
    {
        ArgumentNullException.ThrowIfNull(newId);
        return ReminderDaysLeft
            .Select(days => (Days: days, At: ReminderAt(acknowledgeBy, days)))
            .Where(d => d.At > now || d.Days == 0)
            .Select(d => new DurableTimer(newId(), TimerKinds.ComplaintAcknowledgement, complaintId, d.At, d.Days.ToString(CultureInfo.InvariantCulture)))
            .ToList();
    }

    public static int DaysLeftOf(DurableTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return int.Parse(timer.Argument ?? "0", NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
