using FluentValidation;
using FluentValidation.Results;
using Incidents.Application.Common;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Common.Timers;
using Incidents.Domain.Agreements;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Incidents.Domain.Timers;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Agreements;

/// <summary>Writes the suspension notices as notification rows (inside the caller's transaction) and asks for
/// delivery and timers after commit.</summary>
public sealed class SuspensionNotices(
    IIncidentsDb db,
    INotificationScheduler notifications,
    TimerRequests timers,
    ILogger<SuspensionNotices> logger)
{
    /// <summary>Both parties' designated officers and SIL's DPO.</summary>
    public async Task<List<Notification>> WriteAsync(Agreement agreement, Suspension suspension, NotificationType type, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(suspension);
        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => (c.Role == ContactRole.DesignatedOfficer && (c.OrganisationId == agreement.SchoolOrganisationId || c.OrganisationId == agreement.SilOrganisationId))
                     || (c.Role == ContactRole.Dpo && c.OrganisationId == agreement.SilOrganisationId))
            .ToListAsync(cancellationToken);
        var rows = contacts
            .GroupBy(c => c.Email.Trim().ToUpperInvariant())
            .Select(g => g.First())
            .Select(c => new Notification(Guid.CreateVersion7(now), type, null, c.Name, c.Email, now, suspensionId: suspension.Id))
            .ToList();
        db.Notifications.AddRange(rows);
        return rows;
    }

    public void AfterCommit(IEnumerable<Notification> sent, IEnumerable<DurableTimer> planned)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(planned);
        JobRequests.Try(logger, sent.Select(n => (Action)(() => notifications.Enqueue(n.Id))));
        timers.AfterCommit(planned);
    }
}
