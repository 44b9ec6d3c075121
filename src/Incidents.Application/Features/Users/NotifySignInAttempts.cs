using Incidents.Application.Common.Security;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace Incidents.Application.Features.Users;

/// <summary>Tells an account's owner that someone is guessing at its password (sent once per throttling window by the
/// sign-in throttle).</summary>
[SentWithoutUser("The sign-in throttle, for a guessed-at account.")]
public sealed record NotifySignInAttemptsCommand(string UserId) : IRequest;

public sealed class NotifySignInAttemptsHandler(UserManager<ApplicationUser> users, AccountNotices notices) : IRequestHandler<NotifySignInAttemptsCommand>
{
    public async ValueTask<Unit> Handle(NotifySignInAttemptsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await users.FindByIdAsync(command.UserId) is { } user)
        {
            await notices.SendAsync(user, NotificationType.SignInAttempts, cancellationToken);
        }

        return Unit.Value;
    }
}
