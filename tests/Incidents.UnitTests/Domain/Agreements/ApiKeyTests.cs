using Incidents.Domain.Agreements;

namespace Incidents.UnitTests.Domain.Agreements;

public sealed class ApiKeyTests
{
    [Fact]
    public void A_generated_key_starts_with_the_sil_prefix_and_is_url_safe()
    {
        var (key, _, _) = ApiKey.Generate();

        Assert.StartsWith("sil_", key, StringComparison.Ordinal);
        Assert.Equal(ApiKey.Prefix.Length + 43, key.Length); // 32 random bytes in unpadded base64
        Assert.All(key[ApiKey.Prefix.Length..], c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_', $"'{c}' is not URL-safe"));
    }

    [Fact]
    public void Generated_keys_and_their_hashes_are_unique()
    {
        var generated = Enumerable.Range(0, 500).Select(_ => ApiKey.Generate()).ToList();

        Assert.Equal(500, generated.Select(g => g.Key).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(500, generated.Select(g => g.Hash).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_stored_hash_is_the_lower_case_hex_sha256_of_the_key()
    {
        var (key, hash, _) = ApiKey.Generate();

        Assert.Equal(ApiKey.HashOf(key), hash);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.DoesNotContain(key, hash, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hash_of_a_known_key_is_its_sha256()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKey.HashOf("abc"));
    }

    [Fact]
    public void A_different_key_has_a_different_hash()
    {
        var (key, hash, _) = ApiKey.Generate();

        Assert.NotEqual(hash, ApiKey.HashOf(key + "x"));
        Assert.NotEqual(hash, ApiKey.HashOf(key.ToUpperInvariant()));
    }

    [Fact]
    public void The_hint_is_the_start_of_the_key_and_does_not_reveal_it()
    {
        var (key, _, hint) = ApiKey.Generate();

        Assert.StartsWith(hint, key, StringComparison.Ordinal);
        Assert.StartsWith("sil_", hint, StringComparison.Ordinal);
        Assert.True(hint.Length > ApiKey.Prefix.Length);
        Assert.True(hint.Length <= ApiKey.Prefix.Length + 8, $"The hint '{hint}' shows too much of the key");
    }

    [Fact]
    public void Revoking_twice_keeps_the_first_revocation_time()
    {
        var created = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var key = new ApiKey(Guid.NewGuid(), "MIS transfer", ApiKey.HashOf("sil_x"), "sil_x", "Admin", created);
        Assert.Null(key.RevokedAt);

        key.Revoke(created.AddDays(1));
        key.Revoke(created.AddDays(2));

        Assert.Equal(created.AddDays(1), key.RevokedAt);
    }
}
