using Hangfire;
using Incidents.Application.Features.Notifications;
using Mediator;

namespace Incidents.Infrastructure.Jobs;

/// <summary>Kept for the hourly recurring job of earlier versions (removed at start-up) and any instance of it still
/// stored: review reminders are now durable timers, planned and fired by the reconciler, so this runs it.</summary>
public sealed class ReviewRemindersJob(ISender sender)
{
    public const string RecurringJobId = "agreement-review-reminders";

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [JobDisplayName("Send due agreement review reminders")]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new ReconcileNotificationsCommand(AtStartup: false), cancellationToken);
}
