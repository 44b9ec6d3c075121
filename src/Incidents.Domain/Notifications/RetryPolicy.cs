namespace Incidents.Domain.Notifications;

/// <summary>
/// When to try again after a transient failure: exponential back-off (30 s, 1 min, 2 min, ...) capped,
/// and a limit after which the notice is marked failed and the DPO told.
/// </summary>
public sealed record RetryPolicy(TimeSpan FirstDelay, TimeSpan MaxDelay, int MaxAttempts)
{
    public static RetryPolicy Default { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(30), 20);

    public TimeSpan DelayAfter(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var exponent = Math.Min(attempts - 1, 30);
        var delay = FirstDelay.TotalMilliseconds * Math.Pow(2, exponent);
        return TimeSpan.FromMilliseconds(Math.Min(delay, MaxDelay.TotalMilliseconds));
    }

    public bool GivesUpAfter(int attempts) => attempts >= MaxAttempts;
}
