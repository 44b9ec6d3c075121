using Incidents.Application.Common;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Common.Timers;
using Incidents.Domain.Timers;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Timers;

/// <summary>
/// Fires one durable timer, of any kind, at most once: claims it with a conditional update (pending, due, and no
/// live lease) that takes a lease, runs the handler of its kind in a transaction that also marks it fired or
/// cancelled (only if the lease is still ours), commits, then asks for the notices it wrote. Safe to run twice and
/// never early. Returns whether the timer fired.
/// </summary>
[SentWithoutUser("The timer job.")]
public sealed record FireTimerCommand(Guid TimerId) : IRequest<bool>;

public sealed class FireTimerHandler(
    IIncidentsDb db,
    TimerHandlerRegistry handlers,
    TimerRequests timers,
    ITimerScheduler scheduler,
    INotificationScheduler notifications,
    TimerSettings settings,
    TimeProvider time,
    ILogger<FireTimerHandler> logger,
    Webhooks.WebhookOutbox? webhooks = null) : IRequestHandler<FireTimerCommand, bool>
{
    public async ValueTask<bool> Handle(FireTimerCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var id = command.TimerId;
        var now = time.GetUtcNow();
        var lease = now + settings.ClaimLease;

        // The claim: never before its time, never while another run holds it.
        var claimed = await db.Timers
            .Where(t => t.Id == id && t.Status == TimerStatus.Pending && t.DueAt <= now && (t.ClaimedUntil == null || t.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ClaimedUntil, lease).SetProperty(t => t.Attempts, t => t.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            await AskAgainIfStillOwedAsync(id, now, cancellationToken);
            return false;
        }

        var timer = await db.Timers.AsNoTracking().SingleAsync(t => t.Id == id, cancellationToken);
        TimerOutcome outcome;
        try
        {
            var handler = handlers.For(timer.Kind);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            outcome = await handler.FireAsync(timer, now, cancellationToken);
            var status = outcome.Fired ? TimerStatus.Fired : TimerStatus.Cancelled;
            var marked = await db.Timers
                .Where(t => t.Id == id && t.Status == TimerStatus.Pending && t.ClaimedUntil == lease)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Status, status)
                    .SetProperty(t => t.FiredAt, now)
                    .SetProperty(t => t.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(t => t.LastError, (string?)null), cancellationToken);
            if (marked == 0)
            {
                // Our lease ran out and another run took the timer over, or a change cancelled it meanwhile: not ours.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return false;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            logger.LogError(ex, "Timer {TimerId} ({Kind}) failed; it stays pending and is tried again", id, timer.Kind);
            var error = ex.Message.Length > DurableTimer.LastErrorMaxLength ? ex.Message[..DurableTimer.LastErrorMaxLength] : ex.Message;
            await db.Timers.Where(t => t.Id == id && t.ClaimedUntil == lease)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastError, error).SetProperty(t => t.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }

        JobRequests.Try(logger, outcome.NotificationIds.Select(n => (Action)(() => notifications.Enqueue(n))));
        timers.AfterCommit(outcome.Planned);
        webhooks?.AfterCommit();
        return outcome.Fired;
    }

    /// <summary>A run that arrives early (the job runner's clock and ours differ) asks again at the due time; one that
    /// finds the timer held asks again when the lease runs out (the holder may have died). Ids only.</summary>
    private async Task AskAgainIfStillOwedAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.Timers.AsNoTracking()
            .Where(t => t.Id == id && t.Status == TimerStatus.Pending)
            .Select(t => new { t.DueAt, t.ClaimedUntil })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return;
        }

        var again = row.DueAt > now ? row.DueAt : row.ClaimedUntil;
        if (again is { } at && at <= now + settings.Horizon)
        {
            JobRequests.Try(logger, [() => scheduler.Schedule(id, at)]);
        }
    }
}
