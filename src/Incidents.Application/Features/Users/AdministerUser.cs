using FluentValidation;
using FluentValidation.Results;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Users;

/// <summary>What an administrator can do to an account.</summary>
public enum AccountChange
{
    /// <summary>Refuse every sign-in and end every session at once.</summary>
    Disable,

    /// <summary>Allow sign-in again.</summary>
    Enable,

    /// <summary>Set a new password (and end every session).</summary>
    ResetPassword,
}

/// <summary>An administrator disables, re-enables or resets the password of an account. The owner is emailed.</summary>
[RequiresRole(Roles.Admin, Message = "Only an administrator may change other people's accounts.")]
public sealed record AdministerUserCommand(string UserId, AccountChange Change, string? NewPassword = null) : IRequest<UserSummary>;

public sealed class AdministerUserValidator : AbstractValidator<AdministerUserCommand>
{
    public AdministerUserValidator()
    {
        RuleFor(c => c.Change).IsInEnum();
        RuleFor(c => c.NewPassword).NotEmpty().WithMessage("Enter the new password.").MaximumLength(ChangePasswordValidator.PasswordMaxLength)
            .When(c => c.Change == AccountChange.ResetPassword);
    }
}

public sealed class AdministerUserHandler(
    UserManager<ApplicationUser> users,
    ICurrentUser caller,
    AccountNotices notices,
    TimeProvider time,
    ILogger<AdministerUserHandler> logger) : IRequestHandler<AdministerUserCommand, UserSummary>
{
    public async ValueTask<UserSummary> Handle(AdministerUserCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);

        var user = await users.FindByIdAsync(command.UserId) ?? throw new NotFoundException("There is no account with that id.");
        if (command.Change == AccountChange.Disable && user.Id == caller.UserId)
        {
            throw new ValidationException([new ValidationFailure("userId", "You cannot disable your own account: ask another administrator.")]);
        }

        NotificationType notice;
        switch (command.Change)
        {
            case AccountChange.Disable:
                user.DisabledAt ??= time.GetUtcNow();
                notice = NotificationType.AccountDisabled;
                break;
            case AccountChange.Enable:
                user.DisabledAt = null;
                notice = NotificationType.AccountEnabled;
                break;
            default:
                foreach (var validator in users.PasswordValidators)
                {
                    IdentityErrors.ThrowIfFailed(await validator.ValidateAsync(users, user, command.NewPassword!), nameof(command.NewPassword));
                }

                user.PasswordHash = users.PasswordHasher.HashPassword(user, command.NewPassword!);
                notice = NotificationType.PasswordReset;
                break;
        }

        // A new security stamp ends every session of the account at its next request (cookies and bearer tokens). The
        // owner's notice is saved by the same save as the change, so neither happens without the other.
        var written = notices.Add(user, notice);
        IdentityErrors.ThrowIfFailed(await users.UpdateSecurityStampAsync(user), nameof(command.NewPassword));
        notices.AfterCommit(written);
        logger.LogInformation("Account {UserId}: {Change} by {AdminId}", user.Id, command.Change, caller.UserId);
        return await UserSummary.ForAsync(users, user);
    }
}
