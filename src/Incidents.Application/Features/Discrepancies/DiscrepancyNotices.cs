using System.Globalization;
using Incidents.Application.Common;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Common.Timers;
using Incidents.Domain.Discrepancies;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Incidents.Domain.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Discrepancies;

/// <summary>Who is told of a discrepancy: a party's active designated officers (one notice each; the provider's unless
/// another party is named), written in the caller's transaction; delivery and timers are asked for after commit.</summary>
public sealed class DiscrepancyNotices(IIncidentsDb db, INotificationScheduler scheduler, TimerRequests timers, ILogger<DiscrepancyNotices> logger)
{
    public async Task<List<Notification>> WriteAsync(Discrepancy discrepancy, NotificationType type, DateTimeOffset now, CancellationToken cancellationToken, Guid? partyOrganisationId = null)
    {
        ArgumentNullException.ThrowIfNull(discrepancy);
        var partyId = partyOrganisationId ?? discrepancy.ProviderOrganisationId;
        var provider = await db.Organisations.AsNoTracking().Where(o => o.Id == partyId).Select(o => o.Name).SingleAsync(cancellationToken);
        var officers = await db.Contacts.AsNoTracking()
            .Where(c => c.OrganisationId == partyId && c.Role == ContactRole.DesignatedOfficer && c.Active)
            .OrderBy(c => c.Name)
            .ToListAsync(cancellationToken);
        var rows = officers
            .DistinctBy(c => c.Email.Trim().ToUpperInvariant())
            .Select(c => Notification.AboutDiscrepancy(Guid.CreateVersion7(now), type, discrepancy.Id, c.Name, c.Email, now, provider, c.Id))
            .ToList();
        db.Notifications.AddRange(rows);
        return rows;
    }

    public void AfterCommit(IEnumerable<Notification> sent, IEnumerable<DurableTimer> planned)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(planned);
        JobRequests.Try(logger, sent.Select(n => (Action)(() => scheduler.Enqueue(n.Id))));
        timers.AfterCommit(planned);
    }
}

/// <summary>Words for discrepancies, shared by pages, the API and emails.</summary>
public static class DiscrepancyText
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateOnly date) => date.ToString("dddd d MMMM yyyy", English);

    public static string Describe(DiscrepancyStatus status) => status switch
    {
        DiscrepancyStatus.Open => "Awaiting correction",
        DiscrepancyStatus.AwaitingConfirmation => "Awaiting confirmation",
        DiscrepancyStatus.Closed => "Closed",
        _ => status.ToString(),
    };
}
