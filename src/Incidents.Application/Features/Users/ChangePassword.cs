using FluentValidation;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace Incidents.Application.Features.Users;

/// <summary>The signed-in person changes their own password. Every session of the account ends (the security stamp
/// changes); the caller signs the current session in again.</summary>
[RequiresSignIn]
public sealed record ChangePasswordCommand(string? CurrentPassword, string? NewPassword) : IRequest<ApplicationUser>;

public sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordCommand>
{
    public const int PasswordMaxLength = 1024;

    public ChangePasswordValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.").MaximumLength(PasswordMaxLength);
        RuleFor(c => c.NewPassword).NotEmpty().WithMessage("Enter a new password.").MaximumLength(PasswordMaxLength)
            .NotEqual(c => c.CurrentPassword).When(c => !string.IsNullOrEmpty(c.CurrentPassword)).WithMessage("The new password must be different from the current one.");
    }
}

public sealed class ChangePasswordHandler(UserManager<ApplicationUser> users, ICurrentUser caller) : IRequestHandler<ChangePasswordCommand, ApplicationUser>
{
    public async ValueTask<ApplicationUser> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var user = await users.FindByIdAsync(caller.UserId) ?? throw new NotFoundException("Your account no longer exists.");
        if (!await users.HasPasswordAsync(user))
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(command.CurrentPassword), "Your account signs in with your council account; change that password with your council.")]);
        }

        // Every problem at once (a wrong current password and a weak new one), as a form should say them.
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        if (!await users.CheckPasswordAsync(user, command.CurrentPassword!))
        {
            failures.Add(new(nameof(command.CurrentPassword), "Your current password is not right."));
        }

        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, command.NewPassword!);
            failures.AddRange(result.Errors.Select(e => new FluentValidation.Results.ValidationFailure(nameof(command.NewPassword), e.Description)));
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        IdentityErrors.ThrowIfFailed(await users.ChangePasswordAsync(user, command.CurrentPassword!, command.NewPassword!), nameof(command.NewPassword));
        return user;
    }
}
