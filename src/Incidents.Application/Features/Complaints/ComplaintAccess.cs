using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Complaints;
using Incidents.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Complaints;

/// <summary>
/// Who sees and who acts on a complaint (one home of the rule). SIL's DPO and administrators see every complaint; a
/// designated officer sees those their organisation handles or is told of under clause 11.1 (SIL's officers: every
/// complaint, since SIL is the other party of every agreement; a school's: those it handles and those SIL received
/// about its data); other staff see their own organisation's. A school never sees another school's complaints: 404.
/// Acting (acknowledge, note, outcome, raise a breach) is for SIL's DPO, administrators and the handling party's
/// designated officers; assigning is for the DPO and administrators, as in triage.
/// </summary>
public static class ComplaintAccess
{
    public static async Task<IQueryable<Complaint>> VisibleAsync(IIncidentsDb db, ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var complaints = db.Set<Complaint>().AsQueryable();
        if (!user.IsAuthenticated)
        {
            return complaints.Where(_ => false);
        }

        if (user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin))
        {
            return complaints;
        }

        var organisationId = user.OrganisationId;
        if (user.IsInRole(Roles.DesignatedOfficer))
        {
            var isSil = await db.Organisations.AnyAsync(o => o.Id == organisationId && o.Kind == OrganisationKind.Sil, cancellationToken);
            return isSil ? complaints : complaints.Where(c => c.HandlingOrganisationId == organisationId || c.AboutOrganisationId == organisationId);
        }

        return complaints.Where(c => c.HandlingOrganisationId == organisationId);
    }

    public static bool MayAct(Complaint complaint, ICurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin)
            || (user.IsInRole(Roles.DesignatedOfficer) && complaint.HandlingOrganisationId == user.OrganisationId);
    }

    public static bool MayAssign(ICurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin);
    }

    /// <summary>Staff log complaints for their own organisation; SIL's DPO and administrators for any.</summary>
    public static bool MayLogFor(Guid organisationId, ICurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin) || organisationId == user.OrganisationId;
    }
}
