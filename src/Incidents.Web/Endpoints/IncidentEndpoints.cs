using Incidents.Application.Common.Security;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
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

        // The record the ICO's breach form asks for: the DPO's facts, anyone's dated updates, and the summary.
        incidents.MapPut("/{id:guid}/facts", async Task<Ok<ChangeResult>> (Guid id, [FromBody] RecordIcoFactsCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { IncidentId = id }, ct)))
        .WithName("RecordIcoFacts")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .RequireAuthorization(p => p.RequireRole(Roles.Dpo, Roles.Admin));

        incidents.MapPost("/{id:guid}/updates", async Task<Created<RecordedResult>> (Guid id, [FromBody] AddIncidentUpdateCommand command, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(command with { IncidentId = id }, ct);
            return TypedResults.Created($"/api/incidents/{id}", result);
        })
        .WithName("AddIncidentUpdate")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status409Conflict);

        incidents.MapGet("/{id:guid}/ico-summary", async Task<Ok<IcoSummary>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetIcoSummaryQuery(id), ct)))
        .WithName("GetIcoSummary")
        .ProducesProblem(StatusCodes.Status404NotFound);

        incidents.MapGet("/", async Task<Ok<PagedList<IncidentSummary>>> (ISender sender, CancellationToken ct, int page = 1, int pageSize = 25) =>
            TypedResults.Ok(await sender.Send(new ListIncidentsQuery(page, pageSize), ct)))
        .WithName("ListIncidents")
        .ProducesValidationProblem();
    }
}
