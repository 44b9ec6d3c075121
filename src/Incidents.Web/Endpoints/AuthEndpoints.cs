using Incidents.Application.Common.Security;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Incidents.Web.Endpoints;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>Sign in. There is no registration endpoint: an admin creates accounts.</summary>
internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Authentication").AllowAnonymous();

        // Answers with the Identity bearer token ({tokenType, accessToken, expiresIn, refreshToken}), or sets the
        // sign-in cookie when ?useCookies=true.
        auth.MapPost("/login", async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> (
            [FromBody] LoginRequest login, [FromQuery] bool? useCookies, Infrastructure.PasswordSignIn signIn) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(login.Email))
            {
                errors["email"] = ["Enter your email address."];
            }

            if (string.IsNullOrEmpty(login.Password))
            {
                errors["password"] = ["Enter your password."];
            }

            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, title: "Some of what was sent is not valid.");
            }

            var result = await signIn.SignInAsync(login.Email!, login.Password!, useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme);
            if (result == Infrastructure.PasswordSignIn.Result.LockedOut)
            {
                return TypedResults.Problem(
                    title: "Too many attempts.",
                    detail: "Sign-in is locked for 15 minutes after repeated failures. Try again later.",
                    statusCode: StatusCodes.Status401Unauthorized);
            }

            if (result != Infrastructure.PasswordSignIn.Result.Succeeded)
            {
                // The same answer whether or not the account exists.
                return TypedResults.Problem(title: "Email address or password is incorrect.", statusCode: StatusCodes.Status401Unauthorized);
            }

            return TypedResults.Empty;
        }).RequireRateLimiting(RateLimits.SignIn);

        // Swaps a refresh token for a new access token, as long as the account is still valid (security stamp).
        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, UnauthorizedHttpResult>> (
            [FromBody] RefreshRequest request, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time, SignInManager<ApplicationUser> signIn) =>
        {
            var ticket = string.IsNullOrEmpty(request.RefreshToken)
                ? null
                : bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
            if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
            {
                return TypedResults.Unauthorized();
            }

            return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
        }).RequireRateLimiting(RateLimits.SignIn);

        auth.MapPost("/logout", async (SignInManager<ApplicationUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.NoContent();
        }).RequireAuthorization();
    }
}
