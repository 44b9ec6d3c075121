using FluentValidation;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Incidents;

/// <summary>The caller's organisation's incidents (DPO and admin: all), newest first.</summary>
[RequiresSignIn]
public sealed record ListIncidentsQuery(int Page = 1, int PageSize = 25) : IRequest<PagedList<IncidentSummary>>;

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

public sealed record IncidentSummary(
    Guid Id,
    string Reference,
    IncidentKind Kind,
    IncidentStatus Status,
    Guid ReportingOrganisationId,
    string ReportingOrganisation,
    Guid CounterpartyOrganisationId,
    string CounterpartyOrganisation,
    string Summary,
    DateTimeOffset DiscoveredAt,
    DateTimeOffset ReportedAt,
    DateTimeOffset IcoDeadline);

public sealed class ListIncidentsValidator : AbstractValidator<ListIncidentsQuery>
{
    public const int MaxPageSize = 100;

    public ListIncidentsValidator()
    {
        RuleFor(q => q.Page).InclusiveBetween(1, 1_000_000);
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize);
    }
}

public sealed class ListIncidentsHandler(IIncidentsDb db, ICurrentUser user)
    : IRequestHandler<ListIncidentsQuery, PagedList<IncidentSummary>>
{
    public async ValueTask<PagedList<IncidentSummary>> Handle(ListIncidentsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var visible = db.Incidents.AsNoTracking().VisibleTo(user);
        var total = await visible.CountAsync(cancellationToken);
        var rows = await visible
            .OrderByDescending(i => i.ReportedAt).ThenByDescending(i => i.Id)
            .Skip((query.Page - 1) * query.PageSize)
            .Take(query.PageSize)
            .Select(i => new
            {
                i.Id,
                i.Reference,
                i.Kind,
                i.Status,
                i.ReportingOrganisationId,
                Reporting = db.Organisations.Where(o => o.Id == i.ReportingOrganisationId).Select(o => o.Name).FirstOrDefault(),
                i.CounterpartyOrganisationId,
                Counterparty = db.Organisations.Where(o => o.Id == i.CounterpartyOrganisationId).Select(o => o.Name).FirstOrDefault(),
                i.Summary,
                i.DiscoveredAt,
                i.ReportedAt,
                i.AwareAt,
            })
            .ToListAsync(cancellationToken);

        var items = rows.Select(r => new IncidentSummary(
            r.Id, r.Reference, r.Kind, r.Status,
            r.ReportingOrganisationId, r.Reporting ?? string.Empty,
            r.CounterpartyOrganisationId, r.Counterparty ?? string.Empty,
            r.Summary, r.DiscoveredAt, r.ReportedAt, IcoClock.DeadlineFrom(r.AwareAt))).ToList();
        return new PagedList<IncidentSummary>(items, query.Page, query.PageSize, total);
    }
}
