using Incidents.Application.Common.Security;
using Incidents.Application.Features.Retention;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Endpoints;

public sealed record RetentionRequest(RetentionAction? Action, string? Reason, DateTimeOffset? Until);

/// <summary>Clause 9.5: the retention review queue and the DPO's decision on each record.</summary>
internal static class RetentionEndpoints
{
    public static void MapRetentionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/retention/due", async Task<Ok<IReadOnlyList<RetentionDueItem>>> (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListRetentionDueQuery(), ct)))
            .WithTags("Retention").RequireAuthorization(p => p.RequireRole(Roles.Dpo));

        app.MapPost("/api/incidents/{id:guid}/retention", async Task<Ok<RetentionDecided>> (Guid id, [FromBody] RetentionRequest request, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new DecideRetentionCommand(id, request.Action, request.Reason, request.Until), ct)))
            .WithTags("Retention").RequireAuthorization(p => p.RequireRole(Roles.Dpo)).ProducesValidationProblem();
    }
}
