using Hangfire;
using Incidents.Application.Features.Timers;
using Mediator;

namespace Incidents.Infrastructure.Jobs;

/// <summary>Kept for jobs already stored under this name: a suspension timer is now a durable timer with the same id,
/// so this fires it through the one timer path. New jobs use <see cref="FireTimerJob"/>.</summary>
public sealed class FireSuspensionTimerJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Fire suspension timer {0}")]
    public async Task RunAsync(Guid timerId, CancellationToken cancellationToken) =>
        await sender.Send(new FireTimerCommand(timerId), cancellationToken);
}
