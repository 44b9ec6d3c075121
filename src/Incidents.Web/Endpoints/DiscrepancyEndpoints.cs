using Incidents.Application.Features.Discrepancies;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Endpoints;

public sealed record CorrectionsRequest(int? Version, IReadOnlyList<CorrectionInput?>? Corrections);

public sealed record ConfirmationRequest(int? Version);

internal static class DiscrepancyEndpoints
{
    public static void MapDiscrepancyEndpoints(this IEndpointRouteBuilder app)
    {
        var discrepancies = app.MapGroup("/api/discrepancies").WithTags("Data discrepancies");

        discrepancies.MapPost("/", async Task<Created<DiscrepancyRaised>> ([FromBody] RaiseDiscrepancyCommand command, ISender sender, CancellationToken ct) =>
        {
            var raised = await sender.Send(command, ct);
            return TypedResults.Created($"/api/discrepancies/{raised.Id}", raised);
        })
        .WithName("RaiseDiscrepancy")
        .WithSummary("Raise a data discrepancy (clause 9.6): the UPNs, the data item and which party provided the data")
        .ProducesValidationProblem()
        .RequireRateLimiting(RateLimits.Report);

        discrepancies.MapGet("/", async Task<Ok<IReadOnlyList<DiscrepancySummary>>> (ISender sender, CancellationToken ct, Guid? agreementId = null) =>
            TypedResults.Ok(await sender.Send(new ListDiscrepanciesQuery(agreementId), ct)))
        .WithName("ListDiscrepancies");

        discrepancies.MapGet("/{id:guid}", async Task<Ok<DiscrepancyDetails>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetDiscrepancyQuery(id), ct)))
        .WithName("GetDiscrepancy")
        .ProducesProblem(StatusCodes.Status404NotFound);

        discrepancies.MapPost("/{id:guid}/corrections", async Task<Ok<DiscrepancyDetails>> (Guid id, [FromBody] CorrectionsRequest request, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RecordCorrectionsCommand(id, request.Version, request.Corrections), ct)))
        .WithName("RecordDiscrepancyCorrections")
        .WithSummary("The data provider records the correction per UPN")
        .ProducesValidationProblem();

        discrepancies.MapPost("/{id:guid}/confirmations", async Task<Ok<DiscrepancyDetails>> (Guid id, [FromBody] ConfirmationRequest? request, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ConfirmDiscrepancyCommand(id, request?.Version), ct)))
        .WithName("ConfirmDiscrepancy")
        .WithSummary("The caller's party confirms the corrections; with both parties' confirmations it is closed")
        .ProducesValidationProblem();

        app.MapGet("/api/agreements/{id:guid}/discrepancies", async Task<Ok<DiscrepancyRegister>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new DiscrepancyRegisterQuery(id), ct)))
        .WithTags("Data discrepancies")
        .WithName("DiscrepancyRegister");
    }
}
