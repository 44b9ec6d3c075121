using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Discrepancies;

namespace Incidents.Application.Features.Discrepancies;

/// <summary>Who sees and who acts on a discrepancy: the one home of the rule.</summary>
public static class DiscrepancyAccess
{
    /// <summary>SIL's DPO and administrators see every discrepancy; everyone else those of the agreements their
    /// organisation is a party to (a school sees its own, never another school's).</summary>
    public static IQueryable<Discrepancy> VisibleTo(this IQueryable<Discrepancy> discrepancies, ICurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin))
        {
            return discrepancies;
        }

        var organisationId = user.OrganisationId;
        return discrepancies.Where(d => d.SchoolOrganisationId == organisationId || d.SilOrganisationId == organisationId);
    }

    /// <summary>The party the user acts for: their own organisation, which must be a party. Administrators keep the
    /// register but do not act for a party (403); someone of neither party cannot see it (404).</summary>
    public static Guid ActingParty(ICurrentUser user, Discrepancy discrepancy)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(discrepancy);
        if (user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.Dpo))
        {
            throw new ForbiddenException("Administrators keep the register but do not act for a party on a discrepancy.");
        }

        if (!discrepancy.IsParty(user.OrganisationId))
        {
            throw new NotFoundException("There is no discrepancy with that id that you may see.");
        }

        return user.OrganisationId;
    }

    /// <summary>What the user may do on the discrepancy now (for the page and the API).</summary>
    public static DiscrepancyActions ActionsFor(ICurrentUser user, Discrepancy discrepancy)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(discrepancy);
        var acts = !(user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.Dpo)) && discrepancy.IsParty(user.OrganisationId);
        var open = discrepancy.Status != DiscrepancyStatus.Closed;
        return new DiscrepancyActions(
            acts && open && discrepancy.MayCorrect(user.OrganisationId),
            acts && open && discrepancy.Uncorrected == 0 && !discrepancy.HasConfirmed(user.OrganisationId));
    }
}

public sealed record DiscrepancyActions(bool RecordCorrections, bool Confirm);
