using Incidents.Application.Common.Security;
using Incidents.Application.Features.Complaints;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Endpoints;

/// <summary>Complaints (clause 11.1): staff log one on the complainant's behalf; the handling party acknowledges it
/// within 30 days, investigates and records the outcome. Who sees and who acts: <see cref="ComplaintAccess"/>.</summary>
internal static class ComplaintEndpoints
{
    public static void MapComplaintEndpoints(this IEndpointRouteBuilder app)
    {
        var complaints = app.MapGroup("/api/complaints").WithTags("Complaints");

        complaints.MapPost("/", async Task<Created<LogComplaintResult>> ([FromBody] LogComplaintCommand command, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(command, ct);
            return TypedResults.Created($"/api/complaints/{result.Id}", result);
        })
        .WithName("LogComplaint")
        .WithSummary("Log a complaint received by email, letter, phone, in person or on a form")
        .ProducesValidationProblem()
        .RequireRateLimiting(RateLimits.Report);

        complaints.MapGet("/", async Task<Ok<IReadOnlyList<ComplaintSummary>>> (ISender sender, CancellationToken ct, bool openOnly = false) =>
            TypedResults.Ok(await sender.Send(new ListComplaintsQuery(openOnly), ct)))
        .WithName("ListComplaints");

        complaints.MapGet("/{id:guid}", async Task<Ok<ComplaintDetails>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetComplaintQuery(id), ct)))
        .WithName("GetComplaint")
        .ProducesProblem(StatusCodes.Status404NotFound);

        var complaint = complaints.MapGroup("/{id:guid}").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        var actors = new[] { Roles.Dpo, Roles.Admin, Roles.DesignatedOfficer };

        complaint.MapPost("/acknowledgement", async Task<Ok<ComplaintDetails>> (Guid id, [FromBody] AcknowledgeComplaintCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { Id = id }, ct)))
            .WithName("AcknowledgeComplaint")
            .RequireAuthorization(p => p.RequireRole(actors));

        complaint.MapPost("/outcome", async Task<Ok<ComplaintDetails>> (Guid id, [FromBody] RecordComplaintOutcomeCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { Id = id }, ct)))
            .WithName("RecordComplaintOutcome")
            .RequireAuthorization(p => p.RequireRole(actors));

        complaint.MapPost("/assignee", async Task<Ok<ComplaintDetails>> (Guid id, [FromBody] AssignComplaintCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { Id = id }, ct)))
            .WithName("AssignComplaint")
            .RequireAuthorization(p => p.RequireRole(Roles.Dpo, Roles.Admin));

        complaint.MapPost("/notes", async Task<Ok<ComplaintDetails>> (Guid id, [FromBody] AddComplaintNoteCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { Id = id }, ct)))
            .WithName("AddComplaintNote")
            .RequireAuthorization(p => p.RequireRole(actors));

        // The investigation's actions, in the shape of an incident's (/api/incidents/{id}/actions).
        complaint.MapPost("/actions", async Task<Created<ComplaintActionResult>> (Guid id, [FromBody] AddComplaintActionCommand command, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(command with { Id = id }, ct);
            return TypedResults.Created($"/api/complaints/{id}", result);
        })
            .WithName("AddComplaintAction")
            .WithSummary("Add an action to the complaint's investigation: what, who, by when")
            .RequireAuthorization(p => p.RequireRole(actors));

        complaint.MapPost("/actions/{actionId:guid}/complete", async Task<Ok<ComplaintActionResult>> (Guid id, Guid actionId, [FromBody] CompleteComplaintActionCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { Id = id, ActionId = actionId }, ct)))
            .WithName("CompleteComplaintAction")
            .RequireAuthorization(p => p.RequireRole(actors));

        complaint.MapPost("/breach", async Task<Ok<ComplaintDetails>> (Guid id, [FromBody] RaiseBreachFromComplaintCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { Id = id }, ct)))
            .WithName("RaiseBreachFromComplaint")
            .WithSummary("The complaint reveals a breach: report a breach incident linked to it")
            .RequireAuthorization(p => p.RequireRole(actors));
    }
}
