using Hangfire;
using Incidents.Application.Features.Notifications;
using Mediator;

namespace Incidents.Infrastructure.Jobs;

/// <summary>
/// Hangfire job: deliver one notification. Its name, method and argument (an id, never personal data) are a
/// contract with jobs already stored: keep them. Retries are the row's business (back-off in
/// <see cref="DeliverNotificationHandler"/>, the reconciler for anything lost), so Hangfire does not retry.
/// </summary>
public sealed class SendNotificationJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Send notification {0}")]
    public async Task RunAsync(Guid notificationId, CancellationToken cancellationToken) =>
        await sender.Send(new DeliverNotificationCommand(notificationId), cancellationToken);
}
