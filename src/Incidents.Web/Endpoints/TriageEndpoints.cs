using Incidents.Application.Common.Security;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Endpoints;

/// <summary>The DPO's work on an incident. Every change carries the version it was made against (409 if stale).</summary>
internal static class TriageEndpoints
{
    public static void MapTriageEndpoints(this IEndpointRouteBuilder app)
    {
        var managers = new[] { Roles.Dpo, Roles.Admin };

        app.MapGet("/api/triage", async Task<Ok<PagedList<TriageQueueItem>>> (
                ISender sender, CancellationToken ct, IncidentStatus? status, IncidentKind? kind, Guid? organisationId, bool? overdue, int page = 1, int pageSize = 50) =>
            TypedResults.Ok(await sender.Send(new TriageQueueQuery(status, kind, organisationId, overdue, page, pageSize), ct)))
            .WithTags("Triage").WithName("TriageQueue")
            .RequireAuthorization(p => p.RequireRole(managers));

        var incident = app.MapGroup("/api/incidents/{id:guid}").WithTags("Triage").ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);

        incident.MapPost("/triage", async Task<Ok<ChangeResult>> (Guid id, [FromBody] TriageIncidentCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { IncidentId = id }, ct)))
            .RequireAuthorization(p => p.RequireRole(managers));

        incident.MapPost("/decision", async Task<Ok<ChangeResult>> (Guid id, [FromBody] DecideIncidentCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { IncidentId = id }, ct)))
            .RequireAuthorization(p => p.RequireRole(managers));

        incident.MapPost("/ico-filings", async Task<Created<RecordedResult>> (Guid id, [FromBody] RecordIcoFilingCommand command, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(command with { IncidentId = id }, ct);
            return TypedResults.Created($"/api/incidents/{id}", result);
        }).RequireAuthorization(p => p.RequireRole(managers));

        incident.MapPost("/data-subject-notices", async Task<Created<RecordedResult>> (Guid id, [FromBody] RecordDataSubjectNoticeCommand command, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(command with { IncidentId = id }, ct);
            return TypedResults.Created($"/api/incidents/{id}", result);
        }).RequireAuthorization(p => p.RequireRole(managers));

        incident.MapPost("/actions", async Task<Created<RecordedResult>> (Guid id, [FromBody] AddActionCommand command, ISender sender, CancellationToken ct) =>
        {
            var result = await sender.Send(command with { IncidentId = id }, ct);
            return TypedResults.Created($"/api/incidents/{id}", result);
        }).RequireAuthorization(p => p.RequireRole(Roles.Dpo, Roles.Admin, Roles.DesignatedOfficer));

        incident.MapPost("/actions/{actionId:guid}/complete", async Task<Ok<RecordedResult>> (Guid id, Guid actionId, [FromBody] CompleteActionCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { IncidentId = id, ActionId = actionId }, ct)))
            .RequireAuthorization(p => p.RequireRole(Roles.Dpo, Roles.Admin, Roles.DesignatedOfficer));

        incident.MapPost("/close", async Task<Ok<ChangeResult>> (Guid id, [FromBody] CloseIncidentCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { IncidentId = id }, ct)))
            .RequireAuthorization(p => p.RequireRole(managers));

        incident.MapPost("/reopen", async Task<Ok<ChangeResult>> (Guid id, [FromBody] ReopenIncidentCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(command with { IncidentId = id }, ct)))
            .RequireAuthorization(p => p.RequireRole(managers));

        incident.MapGet("/audit", async Task<Ok<IReadOnlyList<AuditEntryView>>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetAuditTrailQuery(id), ct)));

        app.MapGet("/api/audit/verify", async Task<Ok<AuditVerification>> (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new VerifyAuditTrailQuery(), ct)))
            .WithTags("Audit").WithName("VerifyAudit")
            .RequireAuthorization(p => p.RequireRole(managers));
    }
}
