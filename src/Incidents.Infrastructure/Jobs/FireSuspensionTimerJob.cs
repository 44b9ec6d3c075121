using Hangfire;
using Incidents.Application.Features.Agreements;
using Mediator;

namespace Incidents.Infrastructure.Jobs;

/// <summary>Hangfire job: fire one suspension timer (a reminder, or the automatic reinstatement). Name, method and
/// argument (an id) are a stored contract.</summary>
public sealed class FireSuspensionTimerJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Fire suspension timer {0}")]
    public async Task RunAsync(Guid timerId, CancellationToken cancellationToken) =>
        await sender.Send(new FireSuspensionTimerCommand(timerId), cancellationToken);
}
