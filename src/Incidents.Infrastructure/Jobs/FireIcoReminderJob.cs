using Hangfire;
using Incidents.Application.Features.Triage;
using Mediator;

namespace Incidents.Infrastructure.Jobs;

/// <summary>Hangfire job: fire one ICO reminder timer. Name, method and argument (an id) are a stored contract.</summary>
public sealed class FireIcoReminderJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Fire ICO reminder {0}")]
    public async Task RunAsync(Guid reminderId, CancellationToken cancellationToken) =>
        await sender.Send(new FireIcoReminderCommand(reminderId), cancellationToken);
}
