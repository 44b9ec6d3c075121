using Incidents.Domain.Timers;

namespace Incidents.Domain.Incidents;

public enum ReminderStage
{
    Hours48,
    Hours24,
    Hours6,
    Overdue,
}

/// <summary>
/// The ICO clock's timers: remind the DPO (and the assignee) when the clock has 48, 24 or 6 hours left while the duty
/// is owed (a decision or the initial report, see <see cref="IcoDuty"/>), and when it has run out. Each is a <see cref="DurableTimer"/> of kind <see cref="TimerKinds.IcoReminder"/>
/// whose subject is the incident and whose argument is the stage.
/// </summary>
public static class IcoReminder
{
    public static TimeSpan LeftAt(ReminderStage stage) => stage switch
    {
        ReminderStage.Hours48 => TimeSpan.FromHours(48),
        ReminderStage.Hours24 => TimeSpan.FromHours(24),
        ReminderStage.Hours6 => TimeSpan.FromHours(6),
        _ => TimeSpan.Zero,
    };

    /// <summary>The stage an ICO reminder timer stands for.</summary>
    public static ReminderStage StageOf(DurableTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return Enum.Parse<ReminderStage>(timer.Argument ?? throw new InvalidOperationException($"ICO reminder timer {timer.Id} has no stage."));
    }

    /// <summary>The reminders for a deadline, skipping stages that were already past when the clock was set.</summary>
    public static IEnumerable<DurableTimer> For(Guid incidentId, DateTimeOffset deadline, DateTimeOffset now, Func<Guid> newId)
    {
        ArgumentNullException.ThrowIfNull(newId);
        var stages = Enum.GetValues<ReminderStage>();
        var due = stages.Select(s => (Stage: s, At: deadline - LeftAt(s))).ToList();
        // A stage already past when the clock is set is not sent late, except the latest one that is past
        // (so an incident reported 50 hours after awareness still gets its 48-hour reminder at once).
        var lastPast = due.Where(d => d.At <= now).Select(d => (ReminderStage?)d.Stage).LastOrDefault();
        foreach (var (stage, at) in due)
        {
            if (at > now || stage == lastPast)
            {
                yield return new DurableTimer(newId(), TimerKinds.IcoReminder, incidentId, at, stage.ToString());
            }
        }
    }
}
