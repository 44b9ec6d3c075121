using Incidents.Application.Features.Notifications;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Incidents.Infrastructure.Email;

/// <summary>
/// When the dispatcher should look for due notices: at once (<see cref="Wake"/>, after a commit that owes one, or from
/// the reconciler), or at a time (<see cref="WakeAt"/>, a retry's back-off). Only a trigger: the rows are the truth, so a
/// lost wake-up costs at most the reconciler's period.
/// </summary>
public sealed class DispatchSignal(TimeProvider time)
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private long _wakeAtTicks = long.MaxValue;
    private int _woken;

    public void Wake()
    {
        Interlocked.Exchange(ref _woken, 1);
        Nudge();
    }

    private void Nudge()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: the next look takes everything due.
        }
    }

    public void WakeAt(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _wakeAtTicks);
            if (ticks >= seen)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _wakeAtTicks, ticks, seen) != seen);

        // The waiting loop recomputes how long to wait.
        Nudge();
    }

    /// <summary>Waits at most <paramref name="longest"/> for a wake-up or a wake-up time; true when there is work to look for.</summary>
    public async Task<bool> WaitAsync(TimeSpan longest, CancellationToken cancellationToken)
    {
        var wait = longest;
        var at = Interlocked.Read(ref _wakeAtTicks);
        if (at != long.MaxValue)
        {
            var untilThen = TimeSpan.FromTicks(Math.Max(0, at - time.GetUtcNow().UtcTicks));
            wait = untilThen < wait ? untilThen : wait;
        }

        await _signal.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken);
        var woken = Interlocked.Exchange(ref _woken, 0) == 1;
        at = Interlocked.Read(ref _wakeAtTicks);
        var timeCome = at <= time.GetUtcNow().UtcTicks && Interlocked.CompareExchange(ref _wakeAtTicks, long.MaxValue, at) == at;
        return woken || timeCome;
    }
}

/// <summary>
/// The one email dispatcher of this process: when signalled it claims due notices in batches
/// (<see cref="DeliverDueNotificationsCommand"/>) and sends them over the sender's kept-open connections, until none is
/// due; between batches it closes connections idle too long. Several nodes may each run one: the claim is a conditional
/// update, so a notice goes from one node only.
/// </summary>
internal sealed class NotificationDispatcher(
    DispatchSignal signal,
    IServiceScopeFactory scopes,
    IOptions<EmailOptions> options,
    Application.Common.Interfaces.IEmailSender sender,
    TimeProvider time,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    /// <summary>The longest the loop sleeps without a signal, to close idle connections.</summary>
    private static readonly TimeSpan Housekeeping = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var email = options.Value;
        var parallelism = email.UsesSmtp ? email.Smtp.Connections : 2;
        while (!stoppingToken.IsCancellationRequested)
        {
            bool work;
            try
            {
                work = await signal.WaitAsync(Housekeeping, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (work)
            {
                await RunBatchesAsync(email.BatchSize, parallelism, stoppingToken);
            }

            if (sender is SmtpEmailSender smtp)
            {
                await smtp.Pool.TrimIdleAsync();
            }
        }
    }

    private async Task RunBatchesAsync(int batchSize, int parallelism, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var batch = await scope.ServiceProvider.GetRequiredService<ISender>()
                    .Send(new DeliverDueNotificationsCommand(batchSize, parallelism), stoppingToken);
                if (!batch.More)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Claimed rows keep their claim until it runs out and are then taken again; look again shortly.
                logger.LogError(ex, "The email dispatcher's batch failed; looking again shortly");
                signal.WakeAt(time.GetUtcNow() + TimeSpan.FromSeconds(5));
                return;
            }
        }
    }
}
