using Incidents.Application.Common.Security;
using Incidents.Application.Features.Notifications;
using Incidents.Application.Features.Organisations;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Endpoints;

/// <summary>When a notice fails: correct the contact, then resend the notice to the corrected address.</summary>
internal static class NotificationEndpoints
{
    public static void MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/contacts/{id:guid}", async Task<Ok<ContactView>> (Guid id, [FromBody] UpdateContactCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { ContactId = id }, ct)))
            .WithTags("Organisations").ProducesValidationProblem()
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Dpo));

        app.MapGet("/api/notifications/{id:guid}", async Task<Ok<NotificationDetails>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetNotificationQuery(id), ct)))
            .WithTags("Notifications")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Dpo));

        app.MapPost("/api/notifications/{id:guid}/resend", async Task<Created<ResentNotification>> (Guid id, ISender sender, CancellationToken ct) =>
        {
            var resent = await sender.Send(new ResendNotificationCommand(id), ct);
            return TypedResults.Created($"/api/notifications/{resent.Id}", resent);
        })
            .WithTags("Notifications").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.Dpo));
    }
}
