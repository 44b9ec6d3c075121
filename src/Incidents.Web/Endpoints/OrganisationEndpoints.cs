using Incidents.Application.Features.Organisations;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Incidents.Web.Endpoints;

internal static class OrganisationEndpoints
{
    public static void MapOrganisationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/organisations", async Task<Ok<IReadOnlyList<OrganisationView>>> (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ListOrganisationsQuery(), ct)))
        .WithTags("Organisations")
        .WithName("ListOrganisations");
    }
}
