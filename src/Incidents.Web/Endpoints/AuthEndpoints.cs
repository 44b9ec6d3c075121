using Incidents.Application.Common.Security;
using Incidents.Application.Features.Users;
using Incidents.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Incidents.Web.Endpoints;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Sign in, refresh, sign out and change password. There is no registration endpoint: an admin creates accounts.
/// Every way to present a password goes through the one password rate limit (<see cref="RateLimits.Password"/>).</summary>
internal static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Authentication");

        // Answers with the Identity bearer token ({tokenType, accessToken, expiresIn, refreshToken}), or sets the
        // sign-in cookie when ?useCookies=true.
        auth.MapPost("/login", async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> (
            [FromBody] LoginRequest login, [FromQuery] bool? useCookies, PasswordSignIn signIn, HttpContext http) =>
        {
            var errors = PasswordSignIn.Check(login.Email, login.Password);
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "Some of what was sent is not valid.");
            }

            var result = await signIn.SignInAsync(login.Email!, login.Password!, RateLimits.ClientAddress(http), useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme);
            switch (result.Outcome)
            {
                case PasswordSignIn.Outcome.Succeeded:
                    return TypedResults.Empty;
                case PasswordSignIn.Outcome.Throttled:
                    http.Response.Headers.RetryAfter = ((int)Math.Ceiling(result.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return TypedResults.Problem(title: "Too many attempts.", detail: result.Message, statusCode: StatusCodes.Status429TooManyRequests);
                default:
                    // The same answer whether or not the account exists.
                    return TypedResults.Problem(title: result.Message, statusCode: StatusCodes.Status401Unauthorized);
            }
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Password);

        // Swaps a refresh token for new tokens, once: a refresh token is single-use and rotates, and a replayed one ends
        // every session of the account. The account must still be valid (security stamp, not disabled).
        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, UnauthorizedHttpResult>> (
            [FromBody] RefreshRequest request, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time, SignInManager<ApplicationUser> signIn, HttpContext http, ISender sender) =>
        {
            var ticket = string.IsNullOrEmpty(request.RefreshToken) || request.RefreshToken.Length > 8192
                ? null
                : bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
            if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
                || !await SessionValidation.IsCurrentAsync(http, ticket.Principal)
                || await signIn.UserManager.GetUserAsync(ticket.Principal) is not { } user
                || !await sender.Send(new RedeemRefreshTokenCommand(request.RefreshToken!, user.Id, expires)))
            {
                return TypedResults.Unauthorized();
            }

            return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Password);

        // Ends every session of the account (cookies and tokens on every device), not only this one.
        auth.MapPost("/logout", async (SignInManager<ApplicationUser> signIn, HttpContext http) =>
        {
            await EndSessionsAsync(signIn, http);
            return TypedResults.NoContent();
        }).RequireAuthorization();

        // Changes the signed-in person's password: every other session ends; a cookie session is renewed, a bearer
        // caller gets new tokens.
        auth.MapPost("/password", async Task<Results<SignInHttpResult, NoContent>> (
            [FromBody] ChangePasswordRequest request, ISender sender, SignInManager<ApplicationUser> signIn, HttpContext http, CancellationToken ct) =>
        {
            var user = await sender.Send(new ChangePasswordCommand(request.CurrentPassword, request.NewPassword), ct);
            if (http.Request.Headers.Authorization.Count == 0)
            {
                await signIn.RefreshSignInAsync(user);
                return TypedResults.NoContent();
            }

            return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
        }).RequireAuthorization().RequireRateLimiting(RateLimits.Password).ProducesValidationProblem();
    }

    /// <summary>Signs out: a new security stamp ends every session of the account, then this one's cookie goes.</summary>
    public static async Task EndSessionsAsync(SignInManager<ApplicationUser> signIn, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(http);
        if (await signIn.UserManager.GetUserAsync(http.User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
    }
}
