using System.Security.Cryptography;
using System.Text;

namespace Incidents.Domain.Organisations;

/// <summary>An organisation's reporting link (<c>/report/{token}</c>): anyone who has it may report an incident for
/// that organisation without an account (supply staff, governors, volunteers). The token is 256 random bits; the
/// database holds its SHA-256 (how a request is matched) and a copy encrypted with the app's data-protection keys
/// (so an administrator can see the link again to hand it out). Rotating replaces both, so the old link is dead;
/// a disabled link matches nothing.</summary>
public sealed class ReportingLink
{
    /// <summary>The longest token a request may carry before it is even hashed (a real one is 43 characters).</summary>
    public const int MaxTokenLength = 64;

    private ReportingLink()
    {
        Hash = ProtectedToken = UpdatedBy = string.Empty;
    }

    public ReportingLink(Guid id, Guid organisationId, string hash, string protectedToken, string by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hash);
        ArgumentException.ThrowIfNullOrWhiteSpace(protectedToken);
        Id = id;
        OrganisationId = organisationId;
        Hash = hash;
        ProtectedToken = protectedToken;
        Enabled = true;
        CreatedAt = now;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }

    /// <summary>SHA-256 of the token, lower-case hex: the only way a request finds the link.</summary>
    public string Hash { get; private set; }

    /// <summary>The token encrypted with the app's data-protection keys (kept in the database, shared by every node).</summary>
    public string ProtectedToken { get; private set; }

    public bool Enabled { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; }

    /// <summary>How many times it has been replaced.</summary>
    public int Rotations { get; private set; }

    /// <summary>A new token: the old one stops working at once. A rotated link is enabled.</summary>
    public void Rotate(string hash, string protectedToken, string by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hash);
        ArgumentException.ThrowIfNullOrWhiteSpace(protectedToken);
        Hash = hash;
        ProtectedToken = protectedToken;
        Enabled = true;
        Rotations++;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    public void SetEnabled(bool enabled, string by, DateTimeOffset now)
    {
        Enabled = enabled;
        UpdatedAt = now;
        UpdatedBy = by;
    }

    /// <summary>What the incident records as its reporter's "account" when it came through a link (never a real user id).</summary>
    public string ReporterUserId => $"reporting-link:{Id}";

    /// <summary>A new random token (256 bits, URL-safe) and its hash.</summary>
    public static (string Token, string Hash) Generate()
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (token, HashOf(token));
    }

    /// <summary>Whether a request's token could be one of ours (URL-safe characters, not too long) before it is hashed.</summary>
    public static bool IsWellFormed(string? token) =>
        !string.IsNullOrEmpty(token) && token.Length <= MaxTokenLength && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
