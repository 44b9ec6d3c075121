using Incidents.Application.Common.Interfaces;
using Incidents.Domain.Incidents;

namespace Incidents.Application.Common.Security;

/// <summary>
/// Which incidents a user may see. SIL's DPO and admins see all; a designated officer sees those their
/// organisation reported or is the counterparty of (clause 11.4: they determine the action); staff see
/// their own organisation's reports. A school's people never see another school's incidents.
/// </summary>
public static class IncidentAccess
{
    public static IQueryable<Incident> VisibleTo(this IQueryable<Incident> incidents, ICurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin))
        {
            return incidents;
        }

        var organisationId = user.OrganisationId;
        if (user.IsInRole(Roles.DesignatedOfficer))
        {
            return incidents.Where(i => i.ReportingOrganisationId == organisationId || i.CounterpartyOrganisationId == organisationId);
        }

        return incidents.Where(i => i.ReportingOrganisationId == organisationId);
    }
}
