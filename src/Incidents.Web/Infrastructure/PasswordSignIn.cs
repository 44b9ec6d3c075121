using Incidents.Application.Common.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;

namespace Incidents.Web.Infrastructure;

/// <summary>
/// Password sign-in for the API and the sign-in page. Identity locks a real account after 5 failures; an address
/// with no account is "locked" the same way after the same number of failures, so the answers never tell whether
/// an account exists. (The count for unknown addresses is per node; the real lockout is in the database.)
/// </summary>
public sealed class PasswordSignIn(SignInManager<ApplicationUser> signIn, IMemoryCache failures)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan LockoutTime = TimeSpan.FromMinutes(15);

    public enum Result
    {
        Succeeded,
        Failed,
        LockedOut,
    }

    public async Task<Result> SignInAsync(string email, string password, string scheme)
    {
        ArgumentNullException.ThrowIfNull(email);
        var key = "sign-in-failures:" + email.Trim().ToUpperInvariant();
        var failed = failures.TryGetValue<int>(key, out var count) ? count : 0;
        if (failed >= MaxFailures)
        {
            return Result.LockedOut;
        }

        signIn.AuthenticationScheme = scheme;
        var result = await signIn.PasswordSignInAsync(email.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            failures.Remove(key);
            return Result.Succeeded;
        }

        if (result.IsLockedOut)
        {
            return Result.LockedOut;
        }

        failures.Set(key, failed + 1, LockoutTime);
        return failed + 1 >= MaxFailures ? Result.LockedOut : Result.Failed;
    }
}
