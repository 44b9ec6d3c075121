using System.Security.Cryptography;
using System.Text;

namespace Incidents.Domain.Agreements;

/// <summary>A key for a data-transfer system to ask the sharing gate. Only its SHA-256 is stored; the key itself
/// is shown once when it is made.</summary>
public sealed class ApiKey
{
    public const string Prefix = "sil_";

    private ApiKey()
    {
        Name = Hash = CreatedBy = Hint = string.Empty;
    }

    public ApiKey(Guid id, string name, string hash, string hint, string createdBy, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        Hash = hash;
        Hint = hint;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public string Hash { get; private set; }

    /// <summary>The first characters of the key, so an admin can tell keys apart.</summary>
    public string Hint { get; private set; }

    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;

    /// <summary>A new random key (256 bits) and its stored form.</summary>
    public static (string Key, string Hash, string Hint) Generate()
    {
        var key = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (key, HashOf(key), key[..(Prefix.Length + 6)]);
    }

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
