using Incidents.Application.Common.Security;
using Incidents.Application.Features.Users;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Endpoints;

public sealed record ResetPasswordRequest(string? NewPassword);

/// <summary>Accounts, for administrators: create, list, disable, re-enable, reset a password.</summary>
internal static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(p => p.RequireRole(Roles.Admin));

        users.MapPost("/", async Task<Created<CreatedUser>> ([FromBody] CreateUserCommand command, ISender sender, CancellationToken ct) =>
        {
            var user = await sender.Send(command, ct);
            return TypedResults.Created($"/api/users/{user.Id}", user);
        })
        .WithName("CreateUser")
        .ProducesValidationProblem();

        users.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListUsersQuery(), ct)));

        // Disabled accounts are refused at once: every session they had ends at its next request.
        users.MapPost("/{id}/disable", async (string id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new AdministerUserCommand(id, AccountChange.Disable), ct)));
        users.MapPost("/{id}/enable", async (string id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new AdministerUserCommand(id, AccountChange.Enable), ct)));
        users.MapPost("/{id}/password", async (string id, [FromBody] ResetPasswordRequest request, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new AdministerUserCommand(id, AccountChange.ResetPassword, request.NewPassword), ct)))
            .ProducesValidationProblem();
    }
}
