using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Webhooks;

/// <summary>One attempt at an owed webhook. Safe to run any number of times: the row is claimed with a conditional
/// update (pending and due, or a lapsed claim) with a lease, so one run sends; the outcome is written only while the
/// lease is still ours. The <c>webhook-id</c> is the row's id on every attempt (at-least-once; receivers de-duplicate).</summary>
[SentWithoutUser("The webhook outbox job that delivers one row.")]
public sealed record DeliverWebhookCommand(Guid DeliveryId) : IRequest<WebhookDeliveryStatus?>;

public sealed class DeliverWebhookHandler(
    IIncidentsDb db,
    IWebhookSender sender,
    IWebhookSecretProtector protector,
    IWebhookScheduler scheduler,
    WebhookSettings settings,
    TimeProvider time,
    ILogger<DeliverWebhookHandler> logger) : IRequestHandler<DeliverWebhookCommand, WebhookDeliveryStatus?>
{
    private static readonly TimeSpan DueTolerance = TimeSpan.FromSeconds(2);

    /// <summary>The status it left the row in, or null when this run did not claim it.</summary>
    public async ValueTask<WebhookDeliveryStatus?> Handle(DeliverWebhookCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var id = command.DeliveryId;
        var now = time.GetUtcNow();
        var dueBy = now + DueTolerance;
        var lease = now + settings.ClaimLease;
        var deliveries = db.Set<WebhookDelivery>();
        var claimed = await deliveries
            .Where(d => d.Id == id
                && ((d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= dueBy)
                    || (d.Status == WebhookDeliveryStatus.Sending && d.ClaimedUntil < now)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, WebhookDeliveryStatus.Sending)
                .SetProperty(d => d.ClaimedUntil, lease)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        var delivery = await deliveries.AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken);
        var endpoint = await db.Set<WebhookEndpoint>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == delivery.EndpointId, cancellationToken);
        if (endpoint is null || !endpoint.Active)
        {
            return await FinishAsync(id, lease, WebhookDeliveryStatus.Skipped, null, "The endpoint was disabled before this was sent.", null, cancellationToken);
        }

        WebhookAttemptResult result;
        var problem = WebhookTargets.Problem(endpoint.Url, settings);
        if (problem is not null)
        {
            // Registered when the rules were looser (AllowHttp since turned off): never sent.
            result = new WebhookAttemptResult(null, problem);
        }
        else
        {
            try
            {
                result = await sender.SendAsync(new Uri(endpoint.Url), protector.Unprotect(endpoint.ProtectedSecret), delivery.Id.ToString("D"), time.GetUtcNow(), delivery.Payload, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Unexpected error delivering webhook {DeliveryId}", id);
                result = new WebhookAttemptResult(null, $"{ex.GetType().Name}: {ex.Message}");
            }
        }

        if (result.Succeeded)
        {
            logger.LogInformation("Webhook {DeliveryId} ({EventType}) delivered on attempt {Attempt}", id, delivery.EventType, delivery.Attempts);
            return await FinishAsync(id, lease, WebhookDeliveryStatus.Delivered, result.StatusCode, null, null, cancellationToken);
        }

        var error = result.Error ?? $"The endpoint answered {result.StatusCode}.";
        if (settings.Retry.GivesUpAfter(delivery.Attempts))
        {
            logger.LogWarning("Webhook {DeliveryId} failed after {Attempts} attempts", id, delivery.Attempts);
            return await FinishAsync(id, lease, WebhookDeliveryStatus.Failed, result.StatusCode, error, null, cancellationToken);
        }

        var next = time.GetUtcNow() + settings.Retry.DelayAfter(delivery.Attempts);
        var status = await FinishAsync(id, lease, WebhookDeliveryStatus.Pending, result.StatusCode, error, next, cancellationToken);
        if (status == WebhookDeliveryStatus.Pending)
        {
            try
            {
                scheduler.Schedule(id, next);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not schedule webhook {DeliveryId}; the reconciler will", id);
            }
        }

        return status;
    }

    private async Task<WebhookDeliveryStatus?> FinishAsync(Guid id, DateTimeOffset lease, WebhookDeliveryStatus status, int? statusCode, string? error,
        DateTimeOffset? next, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var truncated = error is { Length: > WebhookDelivery.LastErrorMaxLength } ? error[..WebhookDelivery.LastErrorMaxLength] : error;
        var marked = await db.Set<WebhookDelivery>()
            .Where(d => d.Id == id && d.Status == WebhookDeliveryStatus.Sending && d.ClaimedUntil == lease)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.LastStatusCode, statusCode)
                .SetProperty(d => d.LastError, truncated)
                .SetProperty(d => d.DeliveredAt, d => status == WebhookDeliveryStatus.Delivered ? now : d.DeliveredAt)
                .SetProperty(d => d.NextAttemptAt, d => next ?? d.NextAttemptAt), CancellationToken.None);
        return marked == 0 ? null : status;
    }
}

/// <summary>Re-asks for every owed webhook no job is handling: due rows not taken within the grace (none at start-up), and
/// lapsed claims (a process killed mid-send). Runs with the notification reconciler, every minute.</summary>
[SentWithoutUser("The webhook reconciler, at start-up and every minute.")]
public sealed record ReconcileWebhooksCommand(bool AtStartup) : IRequest<int>;

public sealed class ReconcileWebhooksHandler(IIncidentsDb db, IWebhookScheduler scheduler, WebhookSettings settings, TimeProvider time)
    : IRequestHandler<ReconcileWebhooksCommand, int>
{
    public async ValueTask<int> Handle(ReconcileWebhooksCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var now = time.GetUtcNow();
        var dueBefore = command.AtStartup ? now : now - settings.ReconcileGrace;
        var owed = await db.Set<WebhookDelivery>().AsNoTracking()
            .Where(d => (d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= dueBefore)
                     || (d.Status == WebhookDeliveryStatus.Sending && d.ClaimedUntil < now))
            .Select(d => d.Id)
            .ToListAsync(cancellationToken);
        foreach (var id in owed)
        {
            scheduler.Enqueue(id);
        }

        return owed.Count;
    }
}
