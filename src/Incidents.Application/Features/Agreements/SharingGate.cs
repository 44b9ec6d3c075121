using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Agreements;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Agreements;

/// <summary>"May data be shared under this agreement now?" for data-transfer systems (API key) and people: status,
/// dates and a generic reason only.</summary>
[SentWithoutUser("The sharing gate: an API key or a signed-in user; the endpoint checks which.")]
public sealed record SharingStatusQuery(Guid? AgreementId, string? SchoolUrn) : IRequest<SharingStatus>;

public sealed record SharingStatus(Guid AgreementId, string School, string? Urn, bool Allowed, AgreementStatus Status, string Reason, DateTimeOffset? SuspendedUntil);

public sealed class SharingStatusHandler(IIncidentsDb db, ICurrentUser user) : IRequestHandler<SharingStatusQuery, SharingStatus>
{
    /// <summary>The role a data-transfer system signs in with through its API key.</summary>
    public const string GateRole = "SharingGate";

    /// <summary>The gate's only reason for a suspension: any key holder or signed-in user may ask the gate, so it never
    /// repeats the suspension's own reason (pen test #10). The parties' officers read that on the agreement.</summary>
    public const string SuspendedReason = "Suspended under clause 10 of the information sharing agreement.";

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
        // Only the end date is read: the gate never has the suspension's reason to give away.
        var suspendedUntil = agreement.CurrentSuspensionId is { } sid
            ? await db.Suspensions.AsNoTracking().Where(s => s.Id == sid).Select(s => (DateTimeOffset?)s.EndsAt).SingleOrDefaultAsync(cancellationToken)
            : null;
        return agreement.Status switch
        {
            AgreementStatus.Active => new SharingStatus(agreement.Id, school.Name, school.Urn, true, agreement.Status, "The agreement is in force.", null),
            AgreementStatus.Suspended => new SharingStatus(agreement.Id, school.Name, school.Urn, false, agreement.Status, SuspendedReason, suspendedUntil),
            _ => new SharingStatus(agreement.Id, school.Name, school.Urn, false, agreement.Status, "The agreement has been terminated.", null),
        };
    }
}
