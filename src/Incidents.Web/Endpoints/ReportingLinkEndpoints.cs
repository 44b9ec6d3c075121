using Incidents.Application.Common.Security;
using Incidents.Application.Features.ReportingLinks;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Endpoints;

/// <summary>An organisation's reporting link (/report/{token}), for administrators: see it, replace it, turn it off or on.</summary>
internal static class ReportingLinkEndpoints
{
    public static void MapReportingLinkEndpoints(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup("/api/organisations/{id:guid}/reporting-link")
            .WithTags("Reporting links")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .ProducesProblem(StatusCodes.Status404NotFound);

        links.MapGet("/", async Task<Ok<ReportingLinkView>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetReportingLinkQuery(id), ct)))
        .WithName("GetReportingLink")
        .WithSummary("The organisation's reporting link: {url, enabled} (url is null until one is made)");

        links.MapPost("/rotate", async Task<Ok<ReportingLinkView>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new RotateReportingLinkCommand(id), ct)))
        .WithName("RotateReportingLink")
        .WithSummary("Make the reporting link, or replace it with a new one (the old one answers 404 at once)");

        links.MapPut("/", async Task<Ok<ReportingLinkView>> (Guid id, [FromBody] ReportingLinkState body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetReportingLinkEnabledCommand(id, body?.Enabled), ct)))
        .WithName("SetReportingLinkEnabled")
        .WithSummary("Turn the reporting link off (it answers 404) or on again")
        .ProducesValidationProblem();
    }
}

/// <summary>The body of PUT .../reporting-link.</summary>
public sealed record ReportingLinkState(bool? Enabled);
