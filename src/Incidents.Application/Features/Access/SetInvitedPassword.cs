using FluentValidation;
using Incidents.Application.Common.Security;
using Incidents.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace Incidents.Application.Features.AccessRequests;

/// <summary>The owner of an invited account sets its password from the invitation's link (user id and a single-use
/// password reset token). A wrong, used or expired link gets one answer.</summary>
[SentWithoutUser("The set-password page of an invitation: the token in the link is the credential; rate limited per client address.")]
public sealed record SetInvitedPasswordCommand(string? UserId, string? Token, string? Password) : IRequest<Unit>;

public sealed class SetInvitedPasswordValidator : AbstractValidator<SetInvitedPasswordCommand>
{
    public SetInvitedPasswordValidator()
    {
        RuleFor(c => c.Password).NotEmpty().WithMessage("Enter a password.");
    }
}

public sealed class SetInvitedPasswordHandler(UserManager<ApplicationUser> users) : IRequestHandler<SetInvitedPasswordCommand, Unit>
{
    public const string LinkNotValid = "This link has expired or has already been used. Ask SIL's administrator to send a new one.";

    public async ValueTask<Unit> Handle(SetInvitedPasswordCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var user = string.IsNullOrEmpty(command.UserId) || command.UserId.Length > 450 ? null : await users.FindByIdAsync(command.UserId);
        if (user is null || string.IsNullOrEmpty(command.Token) || user.DisabledAt is not null)
        {
            throw new DomainException(LinkNotValid);
        }

        var result = await users.ResetPasswordAsync(user, command.Token, command.Password!);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == "InvalidToken"))
            {
                throw new DomainException(LinkNotValid);
            }

            Users.IdentityErrors.ThrowIfFailed(result, nameof(command.Password));
        }

        return Unit.Value;
    }
}
