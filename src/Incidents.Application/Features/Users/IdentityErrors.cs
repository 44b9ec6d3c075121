using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;

namespace Incidents.Application.Features.Users;

/// <summary>Identity's refusals as field errors.</summary>
internal static class IdentityErrors
{
    public static void ThrowIfFailed(IdentityResult result, string passwordField)
    {
        if (result.Succeeded)
        {
            return;
        }

        throw new ValidationException(result.Errors.Select(e => new ValidationFailure(
            e.Code == "PasswordMismatch" ? "CurrentPassword"
            : e.Code.Contains("Password", StringComparison.Ordinal) ? passwordField
            : string.Empty,
            e.Code == "PasswordMismatch" ? "Your current password is not right." : e.Description)));
    }
}
