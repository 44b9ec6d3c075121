using Incidents.Application.Common;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Notifications;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Users;

/// <summary>Writes a notice to an account's owner and asks for its delivery: the one path for every account notice.</summary>
public sealed class AccountNotices(IIncidentsDb db, INotificationScheduler scheduler, TimeProvider time, ILogger<AccountNotices> logger)
{
    public async Task SendAsync(ApplicationUser user, NotificationType type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrWhiteSpace(user.Email))
        {
            return;
        }

        var now = time.GetUtcNow();
        var notification = new Notification(Guid.CreateVersion7(now), type, null, user.DisplayName, user.Email, now);
        db.Notifications.Add(notification);
        await db.SaveChangesAsync(cancellationToken);
        JobRequests.Try(logger, [() => scheduler.Enqueue(notification.Id)]);
    }
}
