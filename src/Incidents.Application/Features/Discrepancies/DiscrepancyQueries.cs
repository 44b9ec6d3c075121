using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Common;
using Incidents.Domain.Discrepancies;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Discrepancies;

public sealed record DiscrepancyParty(Guid Id, string Name);

public sealed record DiscrepancyRowView(string Upn, string? RaiserHolds, string? ProviderHolds, string? Correction, DateTimeOffset? CorrectedAt, string? CorrectedBy);

public sealed record ConfirmationView(DiscrepancyParty Party, bool Confirmed, DateTimeOffset? At, string? By);

public sealed record DiscrepancyHistoryView(DateTimeOffset At, string When, string Who, string What);

public sealed record DiscrepancyDetails(
    Guid Id,
    string Reference,
    Guid AgreementId,
    string DataItem,
    string Details,
    DiscrepancyStatus Status,
    string State,
    DiscrepancyParty RaisedBy,
    string RaisedByName,
    DateTimeOffset RaisedAt,
    DiscrepancyParty Provider,
    DateOnly DueDate,
    string DueBy,
    bool Overdue,
    IReadOnlyList<DiscrepancyRowView> Rows,
    IReadOnlyList<ConfirmationView> Confirmations,
    DateTimeOffset? ClosedAt,
    int Version,
    DiscrepancyActions Actions,
    IReadOnlyList<DiscrepancyHistoryView> History);

public sealed record DiscrepancySummary(
    Guid Id,
    string Reference,
    Guid AgreementId,
    string School,
    string DataItem,
    int Upns,
    DiscrepancyStatus Status,
    string State,
    string RaisedBy,
    string Provider,
    DateTimeOffset RaisedAt,
    DateOnly DueDate,
    string DueBy,
    bool Overdue);

public sealed record StateCount(DiscrepancyStatus Status, string State, int Count);

/// <summary>The register of one agreement: counts by state (and overdue) and every discrepancy, newest first.</summary>
public sealed record DiscrepancyRegister(Guid AgreementId, string School, IReadOnlyList<StateCount> Counts, int Overdue, IReadOnlyList<DiscrepancySummary> Items);

/// <summary>For the DPO's queue and the dashboard: the open discrepancies the user may see, overdue first.</summary>
public sealed record DiscrepancyOverview(int Open, int Overdue, IReadOnlyList<DiscrepancySummary> Items);

[RequiresSignIn]
public sealed record GetDiscrepancyQuery(Guid Id) : IRequest<DiscrepancyDetails>;

[RequiresSignIn]
public sealed record ListDiscrepanciesQuery(Guid? AgreementId = null) : IRequest<IReadOnlyList<DiscrepancySummary>>;

[RequiresSignIn]
public sealed record DiscrepancyRegisterQuery(Guid AgreementId) : IRequest<DiscrepancyRegister>;

[RequiresSignIn]
public sealed record DiscrepancyOverviewQuery(int Take = 10) : IRequest<DiscrepancyOverview>;

public sealed class GetDiscrepancyHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<GetDiscrepancyQuery, DiscrepancyDetails>
{
    public async ValueTask<DiscrepancyDetails> Handle(GetDiscrepancyQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var d = await db.Set<Discrepancy>().AsNoTracking().Include(x => x.Rows).VisibleTo(user)
            .SingleOrDefaultAsync(x => x.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("There is no discrepancy with that id that you may see.");
        var names = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == d.SchoolOrganisationId || o.Id == d.SilOrganisationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var id = d.Id.ToString();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.AgreementId == d.AgreementId && e.Action.StartsWith("Discrepancy") && e.After != null && e.After.Contains(id))
            .OrderBy(e => e.Sequence)
            .Select(e => new { e.At, e.ActorName, e.Action })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        DiscrepancyParty Party(Guid o) => new(o, names[o]);
        return new DiscrepancyDetails(
            d.Id, d.Reference, d.AgreementId, d.DataItem, d.Details, d.Status, DiscrepancyText.Describe(d.Status),
            Party(d.RaisedByOrganisationId), d.RaisedByName, d.RaisedAt, Party(d.ProviderOrganisationId), d.DueDate, DiscrepancyText.Date(d.DueDate), d.IsOverdue(now),
            d.Rows.OrderBy(r => r.Position).Select(r => new DiscrepancyRowView(r.Upn, r.RaiserHolds, r.ProviderHolds, r.Correction, r.CorrectedAt, r.CorrectedBy)).ToList(),
            [
                new ConfirmationView(Party(d.SchoolOrganisationId), d.SchoolConfirmedAt is not null, d.SchoolConfirmedAt, d.SchoolConfirmedBy),
                new ConfirmationView(Party(d.SilOrganisationId), d.SilConfirmedAt is not null, d.SilConfirmedAt, d.SilConfirmedBy),
            ],
            d.ClosedAt, d.Version, DiscrepancyAccess.ActionsFor(user, d),
            entries.Select(e => new DiscrepancyHistoryView(e.At, LondonTime.Format(e.At), e.ActorName, DescribeAction(e.Action))).ToList());
    }

    public static string DescribeAction(string action) => action switch
    {
        "DiscrepancyRaised" => "Raised, and the provider's designated officers were emailed",
        "DiscrepancyCorrected" => "Corrections recorded by the provider",
        "DiscrepancyConfirmed" => "Corrections confirmed",
        "DiscrepancyClosed" => "Confirmed by both parties, and closed",
        "DiscrepancyReminderSent" => "Reminder sent to the provider's designated officers",
        _ => action,
    };
}

public sealed class ListDiscrepanciesHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<ListDiscrepanciesQuery, IReadOnlyList<DiscrepancySummary>>
{
    public async ValueTask<IReadOnlyList<DiscrepancySummary>> Handle(ListDiscrepanciesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var visible = db.Set<Discrepancy>().AsNoTracking().VisibleTo(user);
        if (query.AgreementId is { } agreementId)
        {
            visible = visible.Where(d => d.AgreementId == agreementId);
        }

        return await DiscrepancySummaries.ReadAsync(db, visible, time.GetUtcNow(), int.MaxValue, cancellationToken);
    }
}

public sealed class DiscrepancyRegisterHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<DiscrepancyRegisterQuery, DiscrepancyRegister>
{
    public async ValueTask<DiscrepancyRegister> Handle(DiscrepancyRegisterQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var me = user.OrganisationId;
        var everyone = user.IsInRole(Roles.Dpo) || user.IsInRole(Roles.Admin);
        var agreement = await db.Agreements.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == query.AgreementId && (everyone || a.SchoolOrganisationId == me || a.SilOrganisationId == me), cancellationToken)
            ?? throw new NotFoundException("There is no agreement with that id that you may see.");
        var school = await db.Organisations.AsNoTracking().Where(o => o.Id == agreement.SchoolOrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var now = time.GetUtcNow();
        var items = await DiscrepancySummaries.ReadAsync(db, db.Set<Discrepancy>().AsNoTracking().VisibleTo(user).Where(d => d.AgreementId == agreement.Id), now, int.MaxValue, cancellationToken);
        var counts = Enum.GetValues<DiscrepancyStatus>()
            .Select(s => new StateCount(s, DiscrepancyText.Describe(s), items.Count(i => i.Status == s)))
            .ToList();
        return new DiscrepancyRegister(agreement.Id, school, counts, items.Count(i => i.Overdue), items);
    }
}

public sealed class DiscrepancyOverviewHandler(IIncidentsDb db, ICurrentUser user, TimeProvider time) : IRequestHandler<DiscrepancyOverviewQuery, DiscrepancyOverview>
{
    public async ValueTask<DiscrepancyOverview> Handle(DiscrepancyOverviewQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = time.GetUtcNow();
        var open = db.Set<Discrepancy>().AsNoTracking().VisibleTo(user).Where(d => d.Status != DiscrepancyStatus.Closed);
        var openCount = await open.CountAsync(cancellationToken);
        var overdue = await open.Where(d => d.DueAt <= now).Select(d => d.Id).ToListAsync(cancellationToken);
        var items = await DiscrepancySummaries.ReadAsync(db, open, now, Math.Max(1, query.Take), cancellationToken, dueFirst: true);
        return new DiscrepancyOverview(openCount, overdue.Count, items);
    }
}

internal static class DiscrepancySummaries
{
    public static async Task<IReadOnlyList<DiscrepancySummary>> ReadAsync(IIncidentsDb db, IQueryable<Discrepancy> source, DateTimeOffset now, int take,
        CancellationToken cancellationToken, bool dueFirst = false)
    {
        // Ordered in memory with the names: a register holds hundreds, not millions.
        var rows = await source
            .Select(d => new
            {
                d.Id, d.Reference, d.AgreementId, d.SchoolOrganisationId, d.DataItem, Upns = d.Rows.Count, d.Status,
                d.RaisedByOrganisationId, d.ProviderOrganisationId, d.RaisedAt, d.DueDate, d.DueAt,
            })
            .ToListAsync(cancellationToken);
        var ids = rows.SelectMany(r => new[] { r.SchoolOrganisationId, r.RaisedByOrganisationId, r.ProviderOrganisationId }).Distinct().ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var ordered = dueFirst ? rows.OrderBy(r => r.DueAt).ThenBy(r => r.Reference, StringComparer.Ordinal) : rows.OrderByDescending(r => r.RaisedAt).ThenByDescending(r => r.Reference, StringComparer.Ordinal);
        return ordered.Take(take)
            .Select(r => new DiscrepancySummary(r.Id, r.Reference, r.AgreementId, names[r.SchoolOrganisationId], r.DataItem, r.Upns, r.Status, DiscrepancyText.Describe(r.Status),
                names[r.RaisedByOrganisationId], names[r.ProviderOrganisationId], r.RaisedAt, r.DueDate, DiscrepancyText.Date(r.DueDate),
                r.Status != DiscrepancyStatus.Closed && now >= r.DueAt))
            .ToList();
    }
}
