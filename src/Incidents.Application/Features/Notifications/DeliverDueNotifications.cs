using System.Threading.Channels;
using Incidents.Application.Common;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Notifications;

/// <summary>
/// Sends up to <paramref name="BatchSize"/> due notices: they are claimed together with one conditional update (the
/// same claim as <see cref="DeliverNotificationCommand"/>: a row another run or node holds is never taken, so nothing is
/// sent twice by two runs), written, sent <paramref name="Parallelism"/> at a time (the sender's kept-open connections),
/// and each marked sent soon after it is accepted (not at the end of the batch). Failures take the same path as one
/// notice's: back-off, giving up, or a relay configuration fault that holds every notice without using up attempts.
/// </summary>
[SentWithoutUser("The email dispatcher, woken after a commit, by a retry falling due or by the reconciler.")]
public sealed record DeliverDueNotificationsCommand(int BatchSize, int Parallelism) : IRequest<DeliveryBatch>;

/// <param name="Claimed">Rows this run claimed.</param>
/// <param name="Sent">Of those, sent now.</param>
/// <param name="More">The batch was full (or cut short): run again at once.</param>
public sealed record DeliveryBatch(int Claimed, int Sent, bool More);

public sealed class DeliverDueNotificationsHandler(
    IIncidentsDb db,
    IEmailSender email,
    INotificationScheduler scheduler,
    NotificationSettings settings,
    IAuditTrail audit,
    TimeProvider time,
    ILogger<DeliverDueNotificationsHandler> logger,
    IncidentsMetrics? metrics = null,
    IInviteLinks? invites = null) : IRequestHandler<DeliverDueNotificationsCommand, DeliveryBatch>
{
    /// <summary>How long the marker lets sent messages gather before writing them (a kill resends at most about this
    /// much of sending, plus the sends in flight).</summary>
    private static readonly TimeSpan MarkWindow = TimeSpan.FromMilliseconds(50);

    /// <summary>Sent messages that are written at once without waiting for the window.</summary>
    private const int MarkGroup = 16;

    public async ValueTask<DeliveryBatch> Handle(DeliverDueNotificationsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var steps = new DeliverySteps(db, scheduler, settings, audit, time, logger, metrics);
        var now = time.GetUtcNow();
        var dueBy = now + DeliverNotificationHandler.DueTolerance;
        var batchSize = Math.Clamp(command.BatchSize, 1, 500);

        // While the relay has a configuration fault, one notice per FaultRetryDelay tries it again; the others wait
        // without touching the relay and without using up attempts.
        var fault = await db.EmailFaults.AsNoTracking().Where(f => f.ClearedAt == null).OrderBy(f => f.Since).FirstOrDefaultAsync(cancellationToken);
        if (fault is not null)
        {
            var triedBefore = now - settings.FaultRetryDelay;
            var mayTry = await db.EmailFaults
                .Where(f => f.Id == fault.Id && f.ClearedAt == null && f.LastTriedAt <= triedBefore)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.LastTriedAt, now), cancellationToken);
            if (mayTry == 0)
            {
                await HoldAllDueAsync(now, dueBy, cancellationToken);
                return new DeliveryBatch(0, 0, More: false);
            }

            batchSize = 1;
        }

        var candidates = await db.Notifications.AsNoTracking()
            .Where(n => (n.Status == NotificationStatus.Pending && n.NextAttemptAt <= dueBy)
                     || (n.Status == NotificationStatus.Sending && n.ClaimedUntil < now))
            .OrderBy(n => n.NextAttemptAt)
            .Select(n => n.Id)
            .Take(batchSize)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return new DeliveryBatch(0, 0, More: false);
        }

        // The lease is this run's token as well as its time: a few random ticks make it differ from any other run's, so
        // the rows read back below are exactly the ones this run's update claimed.
        var leaseUntil = now + settings.ClaimLease + TimeSpan.FromTicks(Random.Shared.Next(1, 1_000_000));
        var claimedCount = await db.Notifications
            .Where(n => candidates.Contains(n.Id)
                && ((n.Status == NotificationStatus.Pending && n.NextAttemptAt <= dueBy)
                    || (n.Status == NotificationStatus.Sending && n.ClaimedUntil < now)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, NotificationStatus.Sending)
                .SetProperty(n => n.ClaimedUntil, leaseUntil)
                .SetProperty(n => n.Attempts, n => n.Attempts + 1), cancellationToken);
        var more = candidates.Count == batchSize;
        if (claimedCount == 0)
        {
            return new DeliveryBatch(0, 0, more);
        }

        var claimed = await db.Notifications.AsNoTracking()
            .Where(n => candidates.Contains(n.Id) && n.Status == NotificationStatus.Sending && n.ClaimedUntil == leaseUntil)
            .OrderBy(n => n.NextAttemptAt)
            .ToListAsync(cancellationToken);

        // Write each message (reads, one at a time on this context); a notice that cannot be written fails as its send would.
        var failures = new List<(Notification Notification, EmailDeliveryException Error)>();
        var work = new List<(Notification Notification, EmailMessage Message, int TemplateVersion)>();
        foreach (var notification in claimed)
        {
            if (notification.Attempts > settings.Retry.MaxAttempts)
            {
                failures.Add((notification, new EmailDeliveryException($"Gave up after {notification.Attempts - 1} attempts that did not finish.", EmailFailureKind.Recipient)));
                continue;
            }

            try
            {
                var (message, templateVersion) = await new NoticeTemplates.NoticeWriter(db, settings, time, logger, invites).WriteAsync(notification, cancellationToken);
                work.Add((notification, message, templateVersion));
            }
            catch (EmailDeliveryException ex)
            {
                failures.Add((notification, ex));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Unexpected error writing notification {NotificationId}", notification.Id);
                failures.Add((notification, new EmailDeliveryException($"{ex.GetType().Name}: {ex.Message}", EmailFailureKind.Transient, ex)));
            }
        }

        // Send, as many at a time as the sender has connections. A send is not started once half the claim has gone,
        // so a slow relay can never let the claim run out under a send (another run would then send the same notice).
        // Each accepted message is marked sent by the marker, which writes every send finished in the last MarkWindow
        // (or MarkGroup of them) in one transaction, never at the end of the batch: a process killed mid-batch then
        // sends again only the messages whose mark had not been written yet, not the whole batch.
        var outcomes = new SendOutcome[work.Count];
        var stopSendingAt = leaseUntil - (settings.ClaimLease / 2);
        var started = new bool[work.Count];
        var stopping = false;
        var accepted = Channel.CreateUnbounded<int>(); // (not SingleReader: that reader cannot count, and the marker reads Count)
        var sent = 0;
        var sentCount = 0;
        var sendsOver = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var marker = MarkAcceptedAsync();
        try
        {
            await SendAllAsync();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The process is stopping: what was sent is marked, what was not started goes back to owed for the
            // next run; a send cut short keeps its claim (as if the process had died), so the reconciler takes it later.
            stopping = true;
            for (var i = 0; i < outcomes.Length; i++)
            {
                if (outcomes[i] is null && !started[i])
                {
                    outcomes[i] = SendOutcome.NotStarted;
                }
            }
        }
        finally
        {
            sendsOver.TrySetResult();
            accepted.Writer.TryComplete();
            await marker;
        }

        Task SendAllAsync() => Parallel.ForEachAsync(Enumerable.Range(0, work.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(command.Parallelism, 1, 64), CancellationToken = cancellationToken },
            async (i, token) =>
            {
                if (time.GetUtcNow() > stopSendingAt)
                {
                    outcomes[i] = SendOutcome.NotStarted;
                    return;
                }

                try
                {
                    started[i] = true;
                    await email.SendAsync(work[i].Message, token);
                    outcomes[i] = SendOutcome.Sent;
                    accepted.Writer.TryWrite(i);
                }
                catch (EmailDeliveryException ex)
                {
                    outcomes[i] = new SendOutcome(ex);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    // Anything unforeseen is treated as transient: the row is never left claimed with nobody to finish it.
                    logger.LogError(ex, "Unexpected error delivering notification {NotificationId}", work[i].Notification.Id);
                    outcomes[i] = new SendOutcome(new EmailDeliveryException($"{ex.GetType().Name}: {ex.Message}", EmailFailureKind.Transient, ex));
                }
            });

        // The one writer on this context while the sends run: each sent row marked (its audit entry with it).
        async Task MarkAcceptedAsync()
        {
            var ready = new List<int>();
            while (await accepted.Reader.WaitToReadAsync(CancellationToken.None))
            {
                // A moment for the sends in flight to finish, so that one transaction marks several (each is a write
                // and an fsync that the reports queue behind), unless the batch's sends are over or enough are ready.
                if (!sendsOver.Task.IsCompleted && accepted.Reader.Count < MarkGroup)
                {
                    await Task.WhenAny(sendsOver.Task, Task.Delay(MarkWindow, CancellationToken.None));
                }

                ready.Clear();
                while (accepted.Reader.TryRead(out var i))
                {
                    ready.Add(i);
                }

                var sentAt = time.GetUtcNow();
                await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
                foreach (var i in ready)
                {
                    var (notification, _, templateVersion) = work[i];
                    sent += await steps.MarkSentAsync(notification, leaseUntil, templateVersion, sentAt);
                }

                await db.SaveChangesAsync(CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
                foreach (var i in ready)
                {
                    metrics?.Sent(work[i].Notification.Type.ToString());
                }

                sentCount += ready.Count;
            }
        }

        var finishedAt = time.GetUtcNow();
        if (sentCount > 0)
        {
            logger.LogInformation("Dispatcher sent {Sent} of {Claimed} claimed notification(s)", sentCount, claimed.Count);
        }

        // Not started (the claim ran short): back to owed, the attempt not counted, to go in the next batch.
        var notStarted = work.Where((_, i) => ReferenceEquals(outcomes[i], SendOutcome.NotStarted)).Select(w => w.Notification.Id).ToList();
        if (notStarted.Count > 0)
        {
            await db.Notifications
                .Where(n => notStarted.Contains(n.Id) && n.Status == NotificationStatus.Sending && n.ClaimedUntil == leaseUntil)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.Status, NotificationStatus.Pending)
                    .SetProperty(n => n.NextAttemptAt, finishedAt)
                    .SetProperty(n => n.ClaimedUntil, (DateTimeOffset?)null)
                    .SetProperty(n => n.Attempts, n => n.Attempts - 1), CancellationToken.None);
            more = true;
        }

        if (stopping)
        {
            // Rows that could not even be written are left to their claim running out (the reconciler takes them then).
            return new DeliveryBatch(claimed.Count, sent, More: false);
        }

        failures.AddRange(work.Select((w, i) => (w.Notification, outcomes[i].Error)).Where(f => f.Error is not null)!);
        foreach (var (notification, error) in failures)
        {
            await steps.HandleFailureAsync(notification, leaseUntil, error, CancellationToken.None);
        }

        if (fault is not null && sentCount > 0)
        {
            await steps.ClearFaultAsync(finishedAt, CancellationToken.None);
            more = true;
        }

        return new DeliveryBatch(claimed.Count, sent, more);
    }

    /// <summary>A faulty relay that is not due another try: every due notice waits for the next try, untouched otherwise.</summary>
    private async Task HoldAllDueAsync(DateTimeOffset now, DateTimeOffset dueBy, CancellationToken cancellationToken)
    {
        var next = now + settings.FaultRetryDelay;
        var held = await db.Notifications
            .Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt <= dueBy)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.NextAttemptAt, next), cancellationToken);
        if (held > 0)
        {
            // One wake-up at the next try is enough (no one notice is meant): the dispatcher then takes every due row.
            JobRequests.Try(logger, [() => scheduler.Schedule(Guid.Empty, next)]);
        }
    }

    /// <summary>One send's outcome; compared by reference (Sent, NotStarted) or carrying the failure.</summary>
    private sealed class SendOutcome(EmailDeliveryException? error)
    {
        public static readonly SendOutcome Sent = new(null);

        public static readonly SendOutcome NotStarted = new(null);

        public EmailDeliveryException? Error => error;
    }
}
