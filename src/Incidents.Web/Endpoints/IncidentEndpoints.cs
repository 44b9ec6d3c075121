using Incidents.Application.Features.Incidents;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Endpoints;

internal static class IncidentEndpoints
{
    public static void MapIncidentEndpoints(this IEndpointRouteBuilder app)
    {
        var incidents = app.MapGroup("/api/incidents").WithTags("Incidents");

        incidents.MapPost("/", async Task<Created<ReportIncidentResult>> ([FromBody] ReportIncidentCommand command, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(command, ct);
            return TypedResults.Created($"/api/incidents/{result.Id}", result);
        })
        .WithName("ReportIncident")
        .WithSummary("Report a breach, complaint, data discrepancy or near miss")
        .ProducesValidationProblem()
        .RequireRateLimiting(RateLimits.Report);

        incidents.MapGet("/{id:guid}", async Task<Ok<IncidentDetails>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetIncidentQuery(id), ct)))
        .WithName("GetIncident")
        .ProducesProblem(StatusCodes.Status404NotFound);

        incidents.MapGet("/", async Task<Ok<PagedList<IncidentSummary>>> (ISender sender, CancellationToken ct, int page = 1, int pageSize = 25) =>
            TypedResults.Ok(await sender.Send(new ListIncidentsQuery(page, pageSize), ct)))
        .WithName("ListIncidents")
        .ProducesValidationProblem();
    }
}
