using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Incidents.Application.Features.Webhooks;
using Mediator;

namespace Incidents.Infrastructure.Webhooks;

/// <summary>Hangfire job: one attempt at one webhook delivery. Its name, method and argument (an id) are a contract with
/// stored jobs. Retries are the row's (back-off in <see cref="DeliverWebhookHandler"/>, the reconciler for anything lost).</summary>
public sealed class DeliverWebhookJob(ISender sender)
{
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("Deliver webhook {0}")]
    public async Task RunAsync(Guid deliveryId, CancellationToken cancellationToken) =>
        await sender.Send(new DeliverWebhookCommand(deliveryId), cancellationToken);
}

/// <summary>Hangfire recurring job (every minute): re-enqueue every owed webhook that no job is handling.</summary>
public sealed class ReconcileWebhooksJob(ISender sender)
{
    public const string RecurringJobId = "reconcile-webhooks";

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [JobDisplayName("Reconcile owed webhooks")]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new ReconcileWebhooksCommand(AtStartup: false), cancellationToken);
}

internal sealed class HangfireWebhookScheduler(IBackgroundJobClient jobs) : IWebhookScheduler
{
    public void Enqueue(Guid deliveryId) =>
        jobs.Create(Job.FromExpression<DeliverWebhookJob>(j => j.RunAsync(deliveryId, CancellationToken.None)), new EnqueuedState());

    public void Schedule(Guid deliveryId, DateTimeOffset at) =>
        jobs.Create(Job.FromExpression<DeliverWebhookJob>(j => j.RunAsync(deliveryId, CancellationToken.None)), new ScheduledState(at.UtcDateTime));
}
