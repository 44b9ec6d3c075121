namespace Incidents.Domain.Incidents;

/// <summary>
/// UK GDPR Art. 33: a personal data breach goes to the ICO within 72 hours of becoming aware of it.
/// Real hours, not working hours, so the deadline is plain instant arithmetic and is the same instant
/// whatever the clocks in London do in between.
/// </summary>
public static class IcoClock
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(72);

    public static DateTimeOffset DeadlineFrom(DateTimeOffset awareAt) => awareAt.ToUniversalTime() + Window;

    public static TimeSpan Remaining(DateTimeOffset deadline, DateTimeOffset now) => deadline - now;

    public static bool IsOverdue(DateTimeOffset deadline, DateTimeOffset now) => now > deadline;
}
