using Incidents.Application.Common.Security;
using Incidents.Application.Features.Users;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace Incidents.Web.Infrastructure;

/// <summary>
/// Password sign-in for the API and the sign-in page: the one path every password takes.
/// <list type="bullet">
/// <item>An address longer than <see cref="EmailMaxLength"/> or a password longer than <see cref="PasswordMaxLength"/> is
/// refused before any lookup.</item>
/// <item>Guessing is throttled by account and client address (<see cref="SignInThrottle"/>), never by account alone, so a
/// stranger who knows an address cannot lock its owner out. The owner is emailed when their account is being guessed at.</item>
/// <item>An address with no account takes the same path and the same time: a dummy hash is checked.</item>
/// <item>A disabled account is refused, and says so only to someone who gave its right password.</item>
/// </list>
/// </summary>
public sealed class PasswordSignIn(
    SignInManager<ApplicationUser> signIn,
    SignInThrottle throttle,
    IPasswordHasher<ApplicationUser> hasher,
    ISender sender,
    ILogger<PasswordSignIn> logger)
{
    public const int EmailMaxLength = 256;
    public const int PasswordMaxLength = 1024;

    private static readonly ApplicationUser Nobody = new() { Id = "nobody", UserName = "nobody" };
    private static string? _dummyHash;

    public enum Outcome
    {
        Succeeded,
        Failed,
        Throttled,
        Disabled,
    }

    public sealed record Result(Outcome Outcome, TimeSpan RetryAfter = default)
    {
        /// <summary>What the person is told, the same for an address with or without an account.</summary>
        public string Message => Outcome switch
        {
            Outcome.Throttled => $"Too many attempts to sign in to this account. Try again in {Wait(RetryAfter)}.",
            Outcome.Disabled => "This account has been disabled. Ask SIL's administrator to re-enable it.",
            _ => "Email address or password is incorrect.",
        };

        private static string Wait(TimeSpan wait) =>
            wait.TotalSeconds <= 60 ? $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds" : $"{(int)Math.Ceiling(wait.TotalMinutes)} minutes";
    }

    /// <summary>Field errors for what is refused before any lookup (keys "email" and "password").</summary>
    public static Dictionary<string, string> Check(string? email, string? password)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(email))
        {
            errors["email"] = "Enter your email address.";
        }
        else if (email.Length > EmailMaxLength)
        {
            errors["email"] = $"Enter an email address of {EmailMaxLength} characters or fewer.";
        }

        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = "Enter your password.";
        }
        else if (password.Length > PasswordMaxLength)
        {
            errors["password"] = $"Enter a password of {PasswordMaxLength} characters or fewer.";
        }

        return errors;
    }

    public async Task<Result> SignInAsync(string email, string password, string clientAddress, string scheme)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(password);
        if (Check(email, password).Count > 0)
        {
            throw new ArgumentException("Check the email address and password with PasswordSignIn.Check first.", nameof(email));
        }

        var normalised = email.Trim().ToUpperInvariant();
        if (throttle.Check(normalised, clientAddress, out var retryAfter) != SignInThrottle.Verdict.Allowed)
        {
            return new Result(Outcome.Throttled, retryAfter);
        }

        var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
        bool passwordIsRight;
        if (user is null)
        {
            // The same work as for a real account, so the time taken does not tell whether one exists.
            _dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
            passwordIsRight = false;
        }
        else
        {
            passwordIsRight = await signIn.UserManager.CheckPasswordAsync(user, password);
        }

        if (!passwordIsRight)
        {
            if (throttle.Failed(normalised, clientAddress) && user is not null)
            {
                await TellOwnerAsync(user);
            }

            return new Result(Outcome.Failed);
        }

        throttle.Succeeded(normalised, clientAddress);
        if (user!.DisabledAt is not null)
        {
            return new Result(Outcome.Disabled);
        }

        signIn.AuthenticationScheme = scheme;
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "pwd");
        return new Result(Outcome.Succeeded);
    }

    private async Task TellOwnerAsync(ApplicationUser user)
    {
        try
        {
            await sender.Send(new NotifySignInAttemptsCommand(user.Id));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The throttle has already done its work; a notice that cannot be written is logged, not shown to the guesser.
            logger.LogError(ex, "Could not write the sign-in attempts notice for user {UserId}", user.Id);
        }
    }
}
