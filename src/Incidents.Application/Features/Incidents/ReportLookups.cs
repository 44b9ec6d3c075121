using Incidents.Application.Common.Interfaces;
using Incidents.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Incidents;

/// <summary>The reads a report needs, each made once per request: the validator asks whether the agreement exists and
/// the handler needs its id, so both share this (scoped) answer instead of asking the database twice; and the three
/// parties (reporting organisation, counterparty, SIL) with their contacts come in one query.</summary>
public sealed class ReportLookups(IIncidentsDb db)
{
    private readonly Dictionary<(Guid, Guid), Guid?> _agreements = [];

    /// <summary>The newest live (not terminated) agreement between the two organisations, either way round.</summary>
    public async Task<Guid?> AgreementAsync(Guid reporterOrganisationId, Guid counterpartyId, CancellationToken cancellationToken)
    {
        if (_agreements.TryGetValue((reporterOrganisationId, counterpartyId), out var known))
        {
            return known;
        }

        var found = await db.Agreements.AsNoTracking()
            .Where(a => a.Status != AgreementStatus.Terminated)
            .Where(a => (a.SilOrganisationId == reporterOrganisationId && a.SchoolOrganisationId == counterpartyId)
                     || (a.SchoolOrganisationId == reporterOrganisationId && a.SilOrganisationId == counterpartyId))
            .OrderByDescending(a => a.Version)
            .Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        _agreements[(reporterOrganisationId, counterpartyId)] = found;
        return found;
    }

    /// <summary>The reporting organisation, the counterparty and SIL with their contacts, in one query.</summary>
    public async Task<(Organisation Reporting, Organisation Counterparty, Organisation Sil)> PartiesAsync(Guid reporterOrganisationId, Guid counterpartyId, CancellationToken cancellationToken)
    {
        var organisations = await db.Organisations.AsNoTracking().Include(o => o.Contacts)
            .Where(o => o.Id == reporterOrganisationId || o.Id == counterpartyId || o.Kind == OrganisationKind.Sil)
            .ToListAsync(cancellationToken);
        var sil = organisations.Single(o => o.Kind == OrganisationKind.Sil);
        var counterparty = organisations.Single(o => o.Id == counterpartyId);
        var reporting = organisations.Single(o => o.Id == reporterOrganisationId);
        return (reporting, counterparty, sil);
    }
}
