namespace Incidents.Application.Common.Timers;

/// <summary>How timers are claimed and scheduled (configuration section <c>Timers</c>).</summary>
public sealed class TimerSettings
{
    /// <summary>How long one run holds a timer it fired (Timers:ClaimLease). A run killed mid-way leaves its lease to
    /// run out; the timer is then fired by the next run. Timer handlers only write rows, so this can be short.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Only timers due within this are handed to the job runner at their time (Timers:Horizon); later ones
    /// wait in our table until the every-minute reconciler sees them come within it. At least the reconcile interval
    /// (a minute), so each timer is scheduled on time by some run.</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromMinutes(2);
}
