using System.Security.Cryptography;

namespace Incidents.Domain.Webhooks;

/// <summary>A data-transfer system's address for events (registered by an administrator). Its signing secret is kept
/// only in protected form (<see cref="ProtectedSecret"/>); the plain secret is shown once, when it is registered.</summary>
public sealed class WebhookEndpoint
{
    public const int UrlMaxLength = 2000;
    public const int DescriptionMaxLength = 200;

    private WebhookEndpoint()
    {
        Url = Events = ProtectedSecret = CreatedBy = Description = string.Empty;
    }

    public WebhookEndpoint(Guid id, Uri url, IEnumerable<string> events, string protectedSecret, string description, string createdBy, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(events);
        Id = id;
        Url = url.AbsoluteUri;
        Events = string.Join(',', events.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        ProtectedSecret = protectedSecret;
        Description = description;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string Url { get; private set; }

    /// <summary>The event types it receives (<see cref="WebhookEvents"/>), comma-separated.</summary>
    public string Events { get; private set; }

    public string ProtectedSecret { get; private set; }
    public string Description { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When an administrator disabled it: no new deliveries are written, owed ones are not sent.</summary>
    public DateTimeOffset? DisabledAt { get; private set; }

    public bool Active => DisabledAt is null;

    public IReadOnlyList<string> EventList => Events.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool Receives(string eventType) => Active && EventList.Contains(eventType, StringComparer.Ordinal);

    public void Disable(DateTimeOffset at) => DisabledAt ??= at;

    public void Enable() => DisabledAt = null;
}

/// <summary>Standard Webhooks secrets: <c>whsec_</c> + base64 of random bytes.</summary>
public static class WebhookSecret
{
    public const string Prefix = "whsec_";
    public const int MinBytes = 24;
    public const int MaxBytes = 64;

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>True for <c>whsec_</c> + base64 of 24 to 64 bytes.</summary>
    public static bool IsValid(string? secret)
    {
        if (secret is null || !secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = secret[Prefix.Length..];
        var buffer = new byte[body.Length];
        return Convert.TryFromBase64String(body, buffer, out var length) && length is >= MinBytes and <= MaxBytes;
    }
}
