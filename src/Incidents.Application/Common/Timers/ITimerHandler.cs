using Incidents.Domain.Timers;

namespace Incidents.Application.Common.Timers;

/// <summary>
/// What a timer of one kind does when it fires. Chosen by <see cref="DurableTimer.Kind"/>; one handler per kind
/// (<see cref="TimerHandlerRegistry"/> refuses to start otherwise). Register it with
/// <c>services.AddScoped&lt;ITimerHandler, MyHandler&gt;()</c>.
/// </summary>
public interface ITimerHandler
{
    /// <summary>One of <see cref="TimerKinds.All"/>.</summary>
    string Kind { get; }

    /// <summary>
    /// Runs once per timer, inside the transaction that marks the timer done, after the timer was claimed and only
    /// when it is due. Re-read the subject, decide whether the timer still matters, and write what it causes
    /// (notification rows, state changes, audit entries, further timers) to the context: the caller saves and
    /// commits. Never send email or call the job runner here; list the work in the outcome, it is asked for after
    /// commit. Throwing rolls everything back and leaves the timer pending with its error, to be tried again.
    /// </summary>
    Task<TimerOutcome> FireAsync(DurableTimer timer, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>What firing a timer did: <see cref="Fired"/> false marks it cancelled (moot: its subject moved on, or a
/// later timer of the same subject was due too). The notifications and timers are asked for after commit.</summary>
public sealed record TimerOutcome(bool Fired, IReadOnlyList<Guid> NotificationIds, IReadOnlyList<DurableTimer> Planned)
{
    public static TimerOutcome Moot { get; } = new(false, [], []);

    public static TimerOutcome Done(IEnumerable<Guid> notificationIds, IReadOnlyList<DurableTimer>? planned = null) =>
        new(true, notificationIds.ToList(), planned ?? []);
}

/// <summary>A clock that is driven by the calendar rather than by a change (the annual review): the reconciler asks
/// it, at start-up and every minute, to write the timers that should exist and do not yet.</summary>
public interface ITimerPlanner
{
    /// <summary>Writes and commits the missing timers; returns them so they can be scheduled if due soon.</summary>
    Task<IReadOnlyList<DurableTimer>> PlanAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
