namespace Incidents.Application.Common.Interfaces;

/// <summary>The set-password link of an invitation, made when the invite email is written (so no token is stored): a
/// single-use password reset token of the account, valid for Identity's token lifespan.</summary>
public interface IInviteLinks
{
    /// <summary>Null when there is no such account (any more).</summary>
    Task<Uri?> ForAsync(string email, CancellationToken cancellationToken);
}
