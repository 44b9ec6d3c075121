using Hangfire;
using Incidents.Application.Features.Notifications;
using Mediator;

namespace Incidents.Infrastructure.Jobs;

/// <summary>
/// Hangfire job: deliver one notification. New notices are no longer sent this way (the email dispatcher,
/// <see cref="Email.NotificationDispatcher"/>, claims them in batches); the job stays for jobs already stored before that
/// change: its name, method and argument (an id, never personal data) are a contract with them. It delivers that one
/// row with the same claim, so it cannot send a notice the dispatcher sends. Retries are the row's business (back-off in
/// <see cref="DeliverNotificationHandler"/>, the reconciler for anything lost), so Hangfire does not retry.
/// </summary>
public sealed class SendNotificationJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Send notification {0}")]
    public async Task RunAsync(Guid notificationId, CancellationToken cancellationToken) =>
        await sender.Send(new DeliverNotificationCommand(notificationId), cancellationToken);
}
