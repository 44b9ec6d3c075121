using Hangfire;
using Incidents.Application.Features.Agreements;
using Mediator;

namespace Incidents.Infrastructure.Jobs;

/// <summary>Hangfire recurring job (hourly): send the annual review reminders that are due and not yet sent.</summary>
public sealed class ReviewRemindersJob(ISender sender)
{
    public const string RecurringJobId = "agreement-review-reminders";

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    [JobDisplayName("Send due agreement review reminders")]
    public async Task RunAsync(CancellationToken cancellationToken) =>
        await sender.Send(new SendDueReviewRemindersCommand(), cancellationToken);
}
