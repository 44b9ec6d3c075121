using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Notifications;

/// <summary>
/// Is email getting out? The one source of the email banners (the DPO dashboard, every incident page) and of the
/// notices part of /health/ready: an open relay configuration fault (reason, since when, how many notices waiting) and
/// the notices owed for longer than <see cref="NotificationSettings.StuckAfter"/>. The reason and the stuck notices
/// are for SIL's DPO and admins only; others learn only that email is not being delivered.
/// </summary>
/// <param name="ForHealthCheck">The whole picture whoever asks: for /health/ready, whose response gives the details
/// to SIL's DPO and admins only.</param>
[SentWithoutUser("The health probe asks it; for a signed-in user it says only what their role may see.")]
public sealed record EmailStatusQuery(bool ForHealthCheck = false) : IRequest<EmailStatus>;

/// <param name="Fault">The open configuration fault, or null.</param>
/// <param name="Waiting">Notices owed and not yet sent (pending or being sent).</param>
/// <param name="Stuck">Notices owed for longer than <paramref name="StuckAfter"/> (0 unless <paramref name="ForOperator"/>).</param>
/// <param name="OldestWaitingSince">When the oldest owed notice was created (null unless <paramref name="ForOperator"/>).</param>
/// <param name="ForOperator">The caller is SIL's DPO or an admin, and sees the reason and the stuck notices.</param>
public sealed record EmailStatus(EmailFaultView? Fault, int Waiting, int Stuck, DateTimeOffset? OldestWaitingSince, TimeSpan StuckAfter, bool ForOperator)
{
    public bool ShowsFault => Fault is not null;

    public bool ShowsStuck => ForOperator && Stuck > 0;

    /// <summary>Nothing to say: email is getting out.</summary>
    public bool Healthy => Fault is null && Stuck == 0;
}

/// <param name="Reason">What is wrong; null for callers who are not SIL's DPO or an admin.</param>
public sealed record EmailFaultView(string? Reason, DateTimeOffset Since);

public sealed class EmailStatusHandler(IIncidentsDb db, ICurrentUser user, NotificationSettings settings, TimeProvider time)
    : IRequestHandler<EmailStatusQuery, EmailStatus>
{
    public async ValueTask<EmailStatus> Handle(EmailStatusQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var forOperator = query.ForHealthCheck || (user.IsAuthenticated && (user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin)));
        var fault = await db.EmailFaults.AsNoTracking()
            .Where(f => f.ClearedAt == null)
            .OrderBy(f => f.Since)
            .Select(f => new { f.Reason, f.Since })
            .FirstOrDefaultAsync(cancellationToken);
        var owed = db.Notifications.AsNoTracking().Where(n => n.Status == NotificationStatus.Pending || n.Status == NotificationStatus.Sending);
        var waiting = fault is null && !forOperator ? 0 : await owed.CountAsync(cancellationToken);
        var stuck = 0;
        DateTimeOffset? oldest = null;
        if (forOperator && waiting > 0)
        {
            var stuckBefore = time.GetUtcNow() - settings.StuckAfter;
            stuck = await owed.CountAsync(n => n.CreatedAt <= stuckBefore, cancellationToken);
            oldest = await owed.OrderBy(n => n.CreatedAt).Select(n => (DateTimeOffset?)n.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        }

        return new EmailStatus(
            fault is null ? null : new EmailFaultView(forOperator ? fault.Reason : null, fault.Since),
            waiting, stuck, oldest, settings.StuckAfter, forOperator);
    }
}
