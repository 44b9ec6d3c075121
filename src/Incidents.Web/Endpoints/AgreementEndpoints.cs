using Incidents.Application.Common.Security;
using Incidents.Application.Features.Agreements;
using Incidents.Domain.Organisations;
using Incidents.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Endpoints;

public sealed record LiftRequest(string? Reason);

internal static class AgreementEndpoints
{
    public static void MapAgreementEndpoints(this IEndpointRouteBuilder app)
    {
        var agreements = app.MapGroup("/api/agreements").WithTags("Agreements");

        agreements.MapGet("/", async Task<Ok<IReadOnlyList<AgreementSummary>>> (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListAgreementsQuery(), ct)));

        agreements.MapGet("/{id:guid}", async Task<Ok<AgreementDetails>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new GetAgreementQuery(id), ct)));

        agreements.MapGet("/{id:guid}/audit", async Task<Ok<IReadOnlyList<Application.Features.Triage.AuditEntryView>>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new Application.Features.Triage.GetAgreementAuditTrailQuery(id), ct)));

        agreements.MapPost("/", async Task<Created<IdResult>> ([FromBody] CreateAgreementCommand command, ISender sender, CancellationToken ct) =>
        {
            var id = await sender.Send(command, ct);
            return TypedResults.Created($"/api/agreements/{id}", new IdResult(id));
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin)).ProducesValidationProblem();

        agreements.MapPut("/{id:guid}", async Task<Ok<IdResult>> (Guid id, [FromBody] UpdateAgreementCommand command, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(new IdResult(await sender.Send(command with { AgreementId = id }, ct))))
            .RequireAuthorization(p => p.RequireRole(Roles.Admin)).ProducesValidationProblem();

        agreements.MapPost("/{id:guid}/suspensions", async Task<Created<SuspensionCreated>> (Guid id, [FromBody] SuspendAgreementCommand command, ISender sender, CancellationToken ct) =>
        {
            var created = await sender.Send(command with { AgreementId = id }, ct);
            return TypedResults.Created($"/api/agreements/{id}", created);
        }).WithName("SuspendAgreement").ProducesValidationProblem();

        agreements.MapPost("/{id:guid}/suspensions/{suspensionId:guid}/lift", async Task<Ok<AgreementStatus>> (Guid id, Guid suspensionId, [FromBody] LiftRequest request, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new LiftSuspensionCommand(id, suspensionId, request.Reason), ct)))
            .WithName("LiftSuspension").ProducesValidationProblem();

        // The sharing gate: people signed in, or a data-transfer system with an API key.
        var gate = new AuthorizationPolicyBuilder(IdentityConstants.BearerScheme, IdentityConstants.ApplicationScheme, ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser().Build();
        agreements.MapGet("/{id:guid}/sharing-status", async Task<Ok<SharingStatus>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SharingStatusQuery(id, null), ct)))
            .RequireAuthorization(gate).RequireRateLimiting(RateLimits.Gate).WithTags("Sharing gate");
        app.MapGet("/api/schools/{urn}/sharing-status", async Task<Ok<SharingStatus>> (string urn, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SharingStatusQuery(null, urn), ct)))
            .RequireAuthorization(gate).RequireRateLimiting(RateLimits.Gate).WithTags("Sharing gate");

        // Administration of the register.
        var admin = app.MapGroup("/api").WithTags("Administration").RequireAuthorization(p => p.RequireRole(Roles.Admin)).ProducesValidationProblem();
        admin.MapPost("/organisations", async Task<Created<IdResult>> ([FromBody] CreateSchoolCommand command, ISender sender, CancellationToken ct) =>
        {
            var id = await sender.Send(command, ct);
            return TypedResults.Created($"/api/organisations", new IdResult(id));
        });
        admin.MapPost("/organisations/{id:guid}/contacts", async Task<Created<IdResult>> (Guid id, [FromBody] AddContactCommand command, ISender sender, CancellationToken ct) =>
        {
            var contactId = await sender.Send(command with { OrganisationId = id }, ct);
            return TypedResults.Created($"/api/organisations", new IdResult(contactId));
        });
        admin.MapGet("/api-keys", async Task<Ok<IReadOnlyList<ApiKeyView>>> (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListApiKeysQuery(), ct)));
        admin.MapPost("/api-keys", async Task<Created<CreatedApiKey>> ([FromBody] CreateApiKeyCommand command, ISender sender, CancellationToken ct) =>
        {
            var created = await sender.Send(command, ct);
            return TypedResults.Created($"/api/api-keys", created);
        });
        admin.MapPost("/api-keys/{id:guid}/revoke", async Task<Ok<IdResult>> (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(new IdResult(await sender.Send(new RevokeApiKeyCommand(id), ct))));
    }
}

public sealed record IdResult(Guid Id);
