namespace Incidents.Application.Common.Security;

/// <summary>A refresh token that has been swapped for new tokens: a refresh token is good once. Kept until it would
/// have expired, so a replay is recognised (and ends every session of the account).</summary>
public sealed class UsedRefreshToken(string hash, string userId, DateTimeOffset expiresAt)
{
    public const int HashLength = 64;

    /// <summary>SHA-256 of the token, hex.</summary>
    public string Hash { get; private set; } = hash;

    public string UserId { get; private set; } = userId;

    public DateTimeOffset ExpiresAt { get; private set; } = expiresAt;
}
