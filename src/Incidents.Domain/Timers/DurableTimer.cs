namespace Incidents.Domain.Timers;

public enum TimerStatus
{
    Pending,
    Fired,

    /// <summary>No longer needed: its subject moved on (a decision, a lift, a renewal), or a later timer of the same
    /// subject was due too, so this one would have been stale.</summary>
    Cancelled,
}

/// <summary>
/// One durable timer: "at <see cref="DueAt"/>, run the handler of <see cref="Kind"/> for <see cref="SubjectId"/>".
/// Written in the same transaction as the change that causes it; fired once, by a claim (a conditional update that
/// takes a lease), whenever the app is up to see it. The row is the truth; the job runner only triggers.
/// </summary>
public sealed class DurableTimer
{
    public const int KindMaxLength = 50;
    public const int ArgumentMaxLength = 50;
    public const int DedupKeyMaxLength = 120;
    public const int LastErrorMaxLength = 2000;

    private DurableTimer()
    {
        Kind = string.Empty;
    }

    /// <param name="argument">What the handler needs besides the subject (the ICO stage, the review date), never
    /// personal data.</param>
    /// <param name="dedupKey">When set, unique over all timers: a timer that must exist once however often it is
    /// planned (the review reminder of one agreement and review date).</param>
    public DurableTimer(Guid id, string kind, Guid subjectId, DateTimeOffset dueAt, string? argument = null, string? dedupKey = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        if (kind.Length > KindMaxLength || argument?.Length > ArgumentMaxLength || dedupKey?.Length > DedupKeyMaxLength)
        {
            throw new ArgumentException("A timer's kind, argument or key is too long.");
        }

        Id = id;
        Kind = kind;
        SubjectId = subjectId;
        DueAt = dueAt.ToUniversalTime();
        Argument = argument;
        DedupKey = dedupKey;
        Status = TimerStatus.Pending;
    }

    public Guid Id { get; private set; }

    /// <summary>Which handler fires it (<see cref="TimerKinds"/>).</summary>
    public string Kind { get; private set; }

    /// <summary>The incident, suspension, agreement... the timer is about.</summary>
    public Guid SubjectId { get; private set; }

    public string? Argument { get; private set; }

    public string? DedupKey { get; private set; }

    /// <summary>UTC. Computed in the London calendar by whoever plans the timer.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public TimerStatus Status { get; private set; }

    /// <summary>While a run holds the timer: until when. A run killed mid-way leaves a lease that simply runs out.</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    /// <summary>How many runs have claimed it.</summary>
    public int Attempts { get; private set; }

    public DateTimeOffset? FiredAt { get; private set; }

    public string? LastError { get; private set; }

    public bool IsDue(DateTimeOffset now) => DueAt <= now;
}
