using System.Security.Cryptography;
using System.Text;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Users;

/// <summary>A refresh token is good once: the first redemption records it and answers true; a second one (a replay,
/// so the token was copied) answers false and ends every session of the account.</summary>
[SentWithoutUser("The refresh token is the proof; the handler checks it.")]
public sealed record RedeemRefreshTokenCommand(string RefreshToken, string UserId, DateTimeOffset ExpiresAt) : IRequest<bool>;

public sealed class RedeemRefreshTokenHandler(IIncidentsDb db, UserManager<ApplicationUser> users, TimeProvider time, ILogger<RedeemRefreshTokenHandler> logger)
    : IRequestHandler<RedeemRefreshTokenCommand, bool>
{
    public async ValueTask<bool> Handle(RedeemRefreshTokenCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(command.RefreshToken)));
        var now = time.GetUtcNow();
        await db.Set<UsedRefreshToken>().Where(t => t.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        db.Set<UsedRefreshToken>().Add(new UsedRefreshToken(hash, command.UserId, command.ExpiresAt));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            logger.LogWarning("A used refresh token was presented again for user {UserId}; every session of the account is ended", command.UserId);
            if (await users.FindByIdAsync(command.UserId) is { } user)
            {
                await users.UpdateSecurityStampAsync(user);
            }

            return false;
        }
    }
}
