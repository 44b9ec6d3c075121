using Hangfire;
using Incidents.Application.Features.Timers;
using Mediator;

namespace Incidents.Infrastructure.Jobs;

/// <summary>Kept for jobs already stored under this name: an ICO reminder is now a durable timer with the same id, so
/// this fires it through the one timer path. New jobs use <see cref="FireTimerJob"/>.</summary>
public sealed class FireIcoReminderJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Fire ICO reminder {0}")]
    public async Task RunAsync(Guid reminderId, CancellationToken cancellationToken) =>
        await sender.Send(new FireTimerCommand(reminderId), cancellationToken);
}
