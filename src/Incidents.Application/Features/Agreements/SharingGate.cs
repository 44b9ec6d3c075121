using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Agreements;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Agreements;

/// <summary>"May data be shared under this agreement now?" for data-transfer systems (API key) and people.</summary>
public sealed record SharingStatusQuery(Guid? AgreementId, string? SchoolUrn) : IRequest<SharingStatus>;

public sealed record SharingStatus(Guid AgreementId, string School, string? Urn, bool Allowed, AgreementStatus Status, string Reason, DateTimeOffset? SuspendedUntil);

public sealed class SharingStatusHandler(IIncidentsDb db, ICurrentUser user) : IRequestHandler<SharingStatusQuery, SharingStatus>
{
    /// <summary>The role a data-transfer system signs in with through its API key.</summary>
    public const string GateRole = "SharingGate";

    public async ValueTask<SharingStatus> Handle(SharingStatusQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var agreements = db.Agreements.AsNoTracking().Where(a => a.Status != AgreementStatus.Terminated || query.AgreementId != null);
        if (!user.IsInRole(GateRole))
        {
            var me = user.OrganisationId;
            var isSil = await db.Organisations.AnyAsync(o => o.Id == me && o.Kind == OrganisationKind.Sil, cancellationToken);
            if (!isSil)
            {
                agreements = agreements.Where(a => a.SchoolOrganisationId == me);
            }
        }

        Agreement? agreement;
        if (query.AgreementId is { } id)
        {
            agreement = await agreements.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        }
        else
        {
            var urn = query.SchoolUrn?.Trim();
            agreement = await agreements
                .Where(a => db.Organisations.Any(o => o.Id == a.SchoolOrganisationId && o.Urn == urn))
                .OrderByDescending(a => a.Version)
                .FirstOrDefaultAsync(cancellationToken);
        }

        if (agreement is null)
        {
            throw new NotFoundException("There is no agreement for that school that you may see.");
        }

        var school = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == agreement.SchoolOrganisationId, cancellationToken);
        var suspension = agreement.CurrentSuspensionId is { } sid
            ? await db.Suspensions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sid, cancellationToken)
            : null;
        return agreement.Status switch
        {
            AgreementStatus.Active => new SharingStatus(agreement.Id, school.Name, school.Urn, true, agreement.Status, "The agreement is in force.", null),
            AgreementStatus.Suspended => new SharingStatus(agreement.Id, school.Name, school.Urn, false, agreement.Status,
                $"The agreement is suspended under clause 10: {suspension?.Reason}", suspension?.EndsAt),
            _ => new SharingStatus(agreement.Id, school.Name, school.Urn, false, agreement.Status, "The agreement has been terminated.", null),
        };
    }
}
