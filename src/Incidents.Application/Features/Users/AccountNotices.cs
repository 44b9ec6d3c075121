using Incidents.Application.Common;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Notifications;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Users;

/// <summary>Notices to an account's owner: the one path for every account notice. <see cref="Add"/> puts the row in the
/// change being saved (so the notice and the change it tells of are one transaction); <see cref="AfterCommit"/> asks for
/// its delivery (the reconciler covers a request that is lost).</summary>
public sealed class AccountNotices(IIncidentsDb db, INotificationScheduler scheduler, TimeProvider time, ILogger<AccountNotices> logger)
{
    public Notification? Add(ApplicationUser user, NotificationType type)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(user.Email))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var notification = new Notification(Guid.CreateVersion7(now), type, null, user.DisplayName, user.Email, now);
        db.Notifications.Add(notification);
        return notification;
    }

    public void AfterCommit(Notification? notification)
    {
        if (notification is not null)
        {
            JobRequests.Try(logger, [() => scheduler.Enqueue(notification.Id)]);
        }
    }

    /// <summary>A notice on its own (nothing else changes): written and requested.</summary>
    public async Task SendAsync(ApplicationUser user, NotificationType type, CancellationToken cancellationToken)
    {
        var notification = Add(user, type);
        await db.SaveChangesAsync(cancellationToken);
        AfterCommit(notification);
    }
}
