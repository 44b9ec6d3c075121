namespace Incidents.Domain.Incidents;

public enum ReminderStage
{
    Hours48,
    Hours24,
    Hours6,
    Overdue,
}

public enum TimerStatus
{
    Pending,
    Fired,

    /// <summary>No longer needed: a decision was recorded, the clock moved, or a later stage was due too.</summary>
    Cancelled,
}

/// <summary>
/// A timer row: remind the DPO (and the assignee) when the ICO clock has 48, 24 or 6 hours left with no decision,
/// and when it has run out. Fired once, by "due and not yet fired", whenever the app is up to see it.
/// </summary>
public sealed class IcoReminder
{
    private IcoReminder()
    {
    }

    public IcoReminder(Guid id, Guid incidentId, ReminderStage stage, DateTimeOffset dueAt)
    {
        Id = id;
        IncidentId = incidentId;
        Stage = stage;
        DueAt = dueAt.ToUniversalTime();
        Status = TimerStatus.Pending;
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }
    public ReminderStage Stage { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public TimerStatus Status { get; private set; }
    public DateTimeOffset? FiredAt { get; private set; }

    public static TimeSpan LeftAt(ReminderStage stage) => stage switch
    {
        ReminderStage.Hours48 => TimeSpan.FromHours(48),
        ReminderStage.Hours24 => TimeSpan.FromHours(24),
        ReminderStage.Hours6 => TimeSpan.FromHours(6),
        _ => TimeSpan.Zero,
    };

    /// <summary>The reminders for a deadline, skipping stages that were already past when the clock was set.</summary>
    public static IEnumerable<IcoReminder> For(Guid incidentId, DateTimeOffset deadline, DateTimeOffset now, Func<Guid> newId)
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
                yield return new IcoReminder(newId(), incidentId, stage, at);
            }
        }
    }
}
