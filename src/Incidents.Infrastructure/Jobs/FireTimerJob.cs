using Hangfire;
using Incidents.Application.Features.Timers;
using Mediator;

namespace Incidents.Infrastructure.Jobs;

/// <summary>Hangfire job: fire one durable timer, of any kind. Name, method and argument (an id) are a stored
/// contract: keep them.</summary>
public sealed class FireTimerJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Fire timer {0}")]
    public async Task RunAsync(Guid timerId, CancellationToken cancellationToken) =>
        await sender.Send(new FireTimerCommand(timerId), cancellationToken);
}
