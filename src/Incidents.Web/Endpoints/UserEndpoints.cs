using Incidents.Application.Common.Security;
using Incidents.Application.Features.Users;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Endpoints;

internal static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/users", async Task<Created<CreatedUser>> ([FromBody] CreateUserCommand command, ISender sender, CancellationToken ct) =>
        {
            var user = await sender.Send(command, ct);
            return TypedResults.Created($"/api/users/{user.Id}", user);
        })
        .WithTags("Users")
        .WithName("CreateUser")
        .RequireAuthorization(p => p.RequireRole(Roles.Admin))
        .ProducesValidationProblem();
    }
}
