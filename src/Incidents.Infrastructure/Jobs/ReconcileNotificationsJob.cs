using Hangfire;
using Incidents.Application.Features.Notifications;
using Mediator;

namespace Incidents.Infrastructure.Jobs;

/// <summary>Hangfire recurring job (every minute): re-enqueue every owed notification that no job is handling.</summary>
public sealed class ReconcileNotificationsJob(ISender sender)
{
    public const string RecurringJobId = "reconcile-notifications";

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [JobDisplayName("Reconcile owed notifications")]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new ReconcileNotificationsCommand(AtStartup: false), cancellationToken);
}
