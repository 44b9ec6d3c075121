using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Domain.Agreements;
using Incidents.Domain.Common;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Agreements;

public sealed record ListAgreementsQuery : IRequest<IReadOnlyList<AgreementSummary>>;

public sealed record GetAgreementQuery(Guid Id) : IRequest<AgreementDetails>;

public sealed record PartyView(Guid Id, string Name, string? Urn, IReadOnlyList<OfficerView> DesignatedOfficers);

public sealed record OfficerView(string Name, string Email);

public sealed record AgreementSummary(Guid Id, PartyView School, PartyView Sil, AgreementStatus Status, int Version, DateOnly StartDate, DateOnly NextReviewDate, SuspensionView? CurrentSuspension);

public sealed record AgreementDetails(Guid Id, PartyView School, PartyView Sil, AgreementStatus Status, int Version, DateOnly StartDate, DateOnly NextReviewDate,
    SuspensionView? CurrentSuspension, IReadOnlyList<SuspensionView> Suspensions, int ConcurrencyVersion);

public sealed record SuspensionView(Guid Id, SuspensionStatus Status, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string EndsAtLocal, string SuspendedBy,
    Guid SuspendedByOrganisationId, string Reason, string Evidence, IReadOnlyList<IncidentRef> Incidents, DateTimeOffset? EndedAt, string? EndedBy, string? EndReason);

public sealed record IncidentRef(Guid Id, string Reference);

/// <summary>Who may see which agreements: SIL's people all; a school's people their school's.</summary>
internal static class AgreementAccess
{
    public static async Task<IQueryable<Agreement>> VisibleToAsync(IIncidentsDb db, ICurrentUser user, CancellationToken cancellationToken)
    {
        var me = user.OrganisationId;
        var isSil = await db.Organisations.AnyAsync(o => o.Id == me && o.Kind == OrganisationKind.Sil, cancellationToken);
        var agreements = db.Agreements.AsNoTracking();
        return isSil ? agreements : agreements.Where(a => a.SchoolOrganisationId == me);
    }

    public static async Task<IReadOnlyList<AgreementDetails>> DescribeAsync(IIncidentsDb db, IReadOnlyList<Agreement> agreements, TimeProvider time, CancellationToken cancellationToken)
    {
        var organisationIds = agreements.SelectMany(a => new[] { a.SchoolOrganisationId, a.SilOrganisationId }).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Include(o => o.Contacts)
            .Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
        var agreementIds = agreements.Select(a => a.Id).ToList();
        var suspensions = await db.Suspensions.AsNoTracking().Where(s => agreementIds.Contains(s.AgreementId)).OrderByDescending(s => s.StartsAt).ToListAsync(cancellationToken);
        var incidentIds = suspensions.SelectMany(s => s.IncidentIds).Distinct().ToList();
        var references = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Reference, cancellationToken);
        var today = DateOnly.FromDateTime(LondonTime.ToLondon(time.GetUtcNow()).DateTime);

        PartyView Party(Guid id) => organisations.TryGetValue(id, out var o)
            ? new PartyView(o.Id, o.Name, o.Urn, o.Contacts.Where(c => c.Role == ContactRole.DesignatedOfficer).Select(c => new OfficerView(c.Name, c.Email)).ToList())
            : new PartyView(id, string.Empty, null, []);

        SuspensionView View(Suspension s) => new(s.Id, s.Status, s.StartsAt, s.EndsAt, LondonTime.Format(s.EndsAt), s.SuspendedByName, s.SuspendedByOrganisationId,
            s.Reason, s.Evidence, s.IncidentIds.Select(i => new IncidentRef(i, references.GetValueOrDefault(i, string.Empty))).ToList(), s.EndedAt, s.EndedBy, s.EndReason);

        return agreements.Select(a =>
        {
            var history = suspensions.Where(s => s.AgreementId == a.Id).Select(View).ToList();
            return new AgreementDetails(a.Id, Party(a.SchoolOrganisationId), Party(a.SilOrganisationId), a.Status, a.Version, a.StartDate,
                SuspensionCalendar.NextReviewDate(today), history.FirstOrDefault(s => s.Id == a.CurrentSuspensionId), history, a.ConcurrencyVersion);
        }).ToList();
    }
}

public sealed class ListAgreementsHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<ListAgreementsQuery, IReadOnlyList<AgreementSummary>>
{
    public async ValueTask<IReadOnlyList<AgreementSummary>> Handle(ListAgreementsQuery query, CancellationToken cancellationToken)
    {
        var visible = await AgreementAccess.VisibleToAsync(db, user, cancellationToken);
        var agreements = await visible.ToListAsync(cancellationToken);
        var described = await AgreementAccess.DescribeAsync(db, agreements, time, cancellationToken);
        return described
            .OrderBy(a => a.School.Name)
            .Select(a => new AgreementSummary(a.Id, a.School, a.Sil, a.Status, a.Version, a.StartDate, a.NextReviewDate, a.CurrentSuspension))
            .ToList();
    }
}

public sealed class GetAgreementHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<GetAgreementQuery, AgreementDetails>
{
    public async ValueTask<AgreementDetails> Handle(GetAgreementQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var visible = await AgreementAccess.VisibleToAsync(db, user, cancellationToken);
        var agreement = await visible.SingleOrDefaultAsync(a => a.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("There is no agreement with that id that you may see.");
        return (await AgreementAccess.DescribeAsync(db, [agreement], time, cancellationToken))[0];
    }
}
