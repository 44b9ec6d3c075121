using Incidents.Application.Common.Security;
using Incidents.Application.Features.Webhooks;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Endpoints;

/// <summary>Webhook endpoints of data-transfer systems (administrators only).</summary>
internal static class WebhookEndpoints
{
    public static void MapWebhookEndpoints(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/webhooks").WithTags("Webhooks").RequireAuthorization(p => p.RequireRole(Roles.Admin));

        webhooks.MapPost("/", async Task<Created<RegisteredWebhook>> ([FromBody] RegisterWebhookCommand command, ISender sender, CancellationToken ct) =>
        {
            var created = await sender.Send(command, ct);
            return TypedResults.Created($"/api/webhooks/{created.Id}/deliveries", created);
        }).ProducesValidationProblem();

        webhooks.MapGet("/", async Task<Ok<IReadOnlyList<WebhookView>>> (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListWebhooksQuery(), ct)));

        webhooks.MapGet("/{id:guid}/deliveries", async Task<Ok<IReadOnlyList<WebhookDeliveryView>>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetWebhookDeliveriesQuery(id), ct)));

        webhooks.MapPost("/{id:guid}/disable", async Task<Ok<IdResult>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(new IdResult(await sender.Send(new SetWebhookActiveCommand(id, false), ct))));

        webhooks.MapPost("/{id:guid}/enable", async Task<Ok<IdResult>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(new IdResult(await sender.Send(new SetWebhookActiveCommand(id, true), ct))));

        webhooks.MapDelete("/{id:guid}", async Task<NoContent> (Guid id, ISender sender, CancellationToken ct) =>
        {
            await sender.Send(new DeleteWebhookCommand(id), ct);
            return TypedResults.NoContent();
        });
    }
}
