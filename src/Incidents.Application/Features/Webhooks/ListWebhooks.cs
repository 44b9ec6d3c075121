using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Webhooks;

/// <summary>Every endpoint (never its secret) with its most recent deliveries.</summary>
[RequiresRole(Roles.Admin, Message = "Only an administrator may manage webhooks.")]
public sealed record ListWebhooksQuery(int RecentDeliveries = 5) : IRequest<IReadOnlyList<WebhookView>>;

/// <summary>One endpoint's delivery history, newest first.</summary>
[RequiresRole(Roles.Admin, Message = "Only an administrator may manage webhooks.")]
public sealed record GetWebhookDeliveriesQuery(Guid EndpointId, int Take = 100) : IRequest<IReadOnlyList<WebhookDeliveryView>>;

public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> Events, string Description, bool Active, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt, IReadOnlyList<WebhookDeliveryView> RecentDeliveries);

public sealed record WebhookDeliveryView(Guid Id, string EventType, Guid SubjectId, WebhookDeliveryStatus Status, int Attempts, int? LastStatusCode,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt, DateTimeOffset? NextAttemptAt);

public sealed class ListWebhooksHandler(IIncidentsDb db) : IRequestHandler<ListWebhooksQuery, IReadOnlyList<WebhookView>>
{
    public async ValueTask<IReadOnlyList<WebhookView>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var endpoints = (await db.Set<WebhookEndpoint>().AsNoTracking().ToListAsync(cancellationToken)).OrderBy(e => e.CreatedAt).ToList();
        var views = new List<WebhookView>();
        foreach (var e in endpoints)
        {
            var recent = await WebhookDeliveries.Of(db, e.Id, Math.Clamp(query.RecentDeliveries, 0, 50), cancellationToken);
            views.Add(new WebhookView(e.Id, e.Url, e.EventList, e.Description, e.Active, e.CreatedBy, e.CreatedAt, e.DisabledAt, recent));
        }

        return views;
    }
}

public sealed class GetWebhookDeliveriesHandler(IIncidentsDb db) : IRequestHandler<GetWebhookDeliveriesQuery, IReadOnlyList<WebhookDeliveryView>>
{
    public async ValueTask<IReadOnlyList<WebhookDeliveryView>> Handle(GetWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!await db.Set<WebhookEndpoint>().AnyAsync(e => e.Id == query.EndpointId, cancellationToken))
        {
            throw new NotFoundException("There is no webhook endpoint with that id.");
        }

        return await WebhookDeliveries.Of(db, query.EndpointId, Math.Clamp(query.Take, 1, 500), cancellationToken);
    }
}

internal static class WebhookDeliveries
{
    public static async Task<IReadOnlyList<WebhookDeliveryView>> Of(IIncidentsDb db, Guid endpointId, int take, CancellationToken cancellationToken)
    {
        // Ids are version 7 (time-ordered), so the newest come first without sorting on a DateTimeOffset (SQLite cannot).
        var rows = await db.Set<WebhookDelivery>().AsNoTracking().Where(d => d.EndpointId == endpointId)
            .OrderByDescending(d => d.Id).Take(take).ToListAsync(cancellationToken);
        return rows.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Select(d => new WebhookDeliveryView(d.Id, d.EventType, d.SubjectId, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAt,
                d.LastAttemptAt, d.DeliveredAt, d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null))
            .ToList();
    }
}
