using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Access;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.AccessRequests;

/// <summary>Access requests for an administrator: the pending ones first (oldest first), then the last decided ones,
/// each with the role approving it would give (<see cref="AccessRoles"/>).</summary>
[RequiresRole(Roles.Admin, Message = "Only an administrator may see access requests.")]
public sealed record ListAccessRequestsQuery(int RecentlyDecided = 20) : IRequest<AccessRequestsView>;

public sealed record AccessRequestsView(IReadOnlyList<AccessRequestView> Pending, IReadOnlyList<AccessRequestView> Decided);

public sealed record AccessRequestView(Guid Id, string Name, string Email, string Organisation, string Reason, string? IncidentReference,
    DateTimeOffset RequestedAt, AccessRequestStatus Status, string RoleOnApproval, DateTimeOffset? DecidedAt, string? DecidedBy);

public sealed class ListAccessRequestsHandler(IIncidentsDb db) : IRequestHandler<ListAccessRequestsQuery, AccessRequestsView>
{
    public async ValueTask<AccessRequestsView> Handle(ListAccessRequestsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pending = await db.Set<AccessRequest>().AsNoTracking().Where(r => r.Status == AccessRequestStatus.Pending)
            .OrderBy(r => r.Id).Take(500).ToListAsync(cancellationToken);
        var decided = await db.Set<AccessRequest>().AsNoTracking().Where(r => r.Status != AccessRequestStatus.Pending)
            .OrderByDescending(r => r.Id).Take(Math.Clamp(query.RecentlyDecided, 0, 200)).ToListAsync(cancellationToken);
        var all = pending.Concat(decided).ToList();
        var organisationIds = all.Select(r => r.OrganisationId).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var incidentIds = all.Where(r => r.IncidentId != null).Select(r => r.IncidentId!.Value).Distinct().ToList();
        var references = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Reference, cancellationToken);
        var views = new List<AccessRequestView>();
        foreach (var r in all)
        {
            var role = r.GrantedRole ?? await AccessRoles.ForAsync(db, r.Email, r.OrganisationId, cancellationToken);
            views.Add(new AccessRequestView(r.Id, r.Name, r.Email, names.GetValueOrDefault(r.OrganisationId, string.Empty), r.Reason,
                r.IncidentId is { } i ? references.GetValueOrDefault(i) : null, r.RequestedAt, r.Status, role, r.DecidedAt, r.DecidedBy));
        }

        return new AccessRequestsView(views.Where(v => v.Status == AccessRequestStatus.Pending).ToList(), views.Where(v => v.Status != AccessRequestStatus.Pending).ToList());
    }
}

/// <summary>The one rule for the role an approved request gets: DesignatedOfficer when the email is an active
/// designated officer contact of the organisation asked for, else Reporter. Never DPO or Admin from a request.</summary>
public static class AccessRoles
{
    public static async Task<string> ForAsync(IIncidentsDb db, string email, Guid organisationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var normalised = email.Trim().ToUpperInvariant();
        var officer = await db.Contacts.AsNoTracking()
            .AnyAsync(c => c.OrganisationId == organisationId && c.Active && c.Role == ContactRole.DesignatedOfficer && c.Email.ToUpper() == normalised, cancellationToken);
        return officer ? Roles.DesignatedOfficer : Roles.Reporter;
    }
}
