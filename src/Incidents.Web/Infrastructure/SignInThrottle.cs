using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace Incidents.Web.Infrastructure;

/// <summary>Limits for password guessing (SignIn:*).</summary>
public sealed class SignInThrottleOptions
{
    /// <summary>Failures from one client address for one account before that pair is refused for <see cref="Window"/>.</summary>
    public int PairFailures { get; set; } = 5;

    /// <summary>Failures for one account, from anywhere, before every address is slowed to one try per <see cref="SlowInterval"/>.</summary>
    public int AccountFailures { get; set; } = 10;

    public TimeSpan SlowInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long failures are remembered (from the first failure in the window).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>At most this many accounts and pairs are remembered at once (each entry is a few hundred bytes).</summary>
    public int MaxEntries { get; set; } = 100_000;
}

/// <summary>
/// Password guessing is throttled by account <em>and</em> client address, so someone who only knows an address
/// cannot stop its owner signing in: the pair (account, address) is refused after <see cref="SignInThrottleOptions.PairFailures"/>
/// failures, and the account as a whole is only slowed (one try per <see cref="SignInThrottleOptions.SlowInterval"/>)
/// after <see cref="SignInThrottleOptions.AccountFailures"/> failures from anywhere. Addresses with and without an account are
/// counted alike, so the answers never tell whether an account exists.
/// <para>What is remembered is bounded: keys are SHA-256 digests (not the address sent), each entry holds three numbers,
/// and the store holds at most <see cref="SignInThrottleOptions.MaxEntries"/> entries (the oldest are dropped first). It
/// is per node, as the per-address rate limit is.</para>
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly MemoryCache _entries;
    private readonly SignInThrottleOptions _options;
    private readonly TimeProvider _time;

    public SignInThrottle(SignInThrottleOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = time;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.MaxEntries, CompactionPercentage = 0.1, Clock = new CacheClock(time) });
    }

    /// <summary>How many entries are remembered now (for the tests that flood it).</summary>
    public long Count => _entries.Count;

    public enum Verdict
    {
        Allowed,

        /// <summary>This address has failed too often for this account.</summary>
        PairLocked,

        /// <summary>The account is being guessed at from many places: one try per interval.</summary>
        Slowed,
    }

    /// <summary>Before the password is checked. <paramref name="retryAfter"/> says how long to wait when refused.</summary>
    public Verdict Check(string normalisedEmail, string clientAddress, out TimeSpan retryAfter)
    {
        var now = _time.GetUtcNow();
        retryAfter = TimeSpan.Zero;
        if (_entries.Get<Counter>(PairKey(normalisedEmail, clientAddress)) is { } pair)
        {
            lock (pair)
            {
                if (pair.Failures >= _options.PairFailures && now < pair.WindowEnds)
                {
                    retryAfter = pair.WindowEnds - now;
                    return Verdict.PairLocked;
                }
            }
        }

        if (_entries.Get<Counter>(AccountKey(normalisedEmail)) is { } account)
        {
            lock (account)
            {
                if (account.Failures >= _options.AccountFailures && now < account.WindowEnds)
                {
                    var next = account.LastTry + _options.SlowInterval;
                    if (now < next)
                    {
                        retryAfter = next - now;
                        return Verdict.Slowed;
                    }

                    account.LastTry = now;
                }
            }
        }

        return Verdict.Allowed;
    }

    /// <summary>After a wrong password (or an address with no account). Answers true exactly once per window: when the
    /// account's failures first reach the point where it is slowed, which is when its owner is told.</summary>
    public bool Failed(string normalisedEmail, string clientAddress)
    {
        Increment(PairKey(normalisedEmail, clientAddress));
        return Increment(AccountKey(normalisedEmail)) == _options.AccountFailures;
    }

    /// <summary>After a right password: this address is trusted again for this account. The account-wide count stays,
    /// so a guesser elsewhere is still slowed.</summary>
    public void Succeeded(string normalisedEmail, string clientAddress) => _entries.Remove(PairKey(normalisedEmail, clientAddress));

    public void Dispose() => _entries.Dispose();

    private int Increment(string key)
    {
        var now = _time.GetUtcNow();
        var counter = _entries.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.AbsoluteExpirationRelativeToNow = _options.Window;
            return new Counter { WindowEnds = now + _options.Window };
        })!;
        lock (counter)
        {
            counter.Failures++;
            counter.LastTry = now;
            return counter.Failures;
        }
    }

    private static string AccountKey(string email) => "a:" + Digest(email);

    private static string PairKey(string email, string address) => "p:" + Digest(email + "\n" + address);

    private static string Digest(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private sealed class Counter
    {
        public int Failures { get; set; }

        public DateTimeOffset WindowEnds { get; init; }

        public DateTimeOffset LastTry { get; set; }
    }

    private sealed class CacheClock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
