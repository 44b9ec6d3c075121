using Incidents.Web.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Incidents.IntegrationTests;

/// <summary>The sign-in throttle on its own (no app): by pair, by account, bounded, and forgetting after its window.</summary>
public sealed class SignInThrottleTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Five_failures_refuse_the_pair_but_not_the_same_account_from_elsewhere()
    {
        using var throttle = new SignInThrottle(new SignInThrottleOptions(), _time);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(SignInThrottle.Verdict.Allowed, throttle.Check("DPO@SIL.TEST", "203.0.113.1", out _));
            throttle.Failed("DPO@SIL.TEST", "203.0.113.1");
        }

        Assert.Equal(SignInThrottle.Verdict.PairLocked, throttle.Check("DPO@SIL.TEST", "203.0.113.1", out var wait));
        Assert.Equal(TimeSpan.FromMinutes(15), wait);
        Assert.Equal(SignInThrottle.Verdict.Allowed, throttle.Check("DPO@SIL.TEST", "192.0.2.1", out _));

        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(SignInThrottle.Verdict.Allowed, throttle.Check("DPO@SIL.TEST", "203.0.113.1", out _));
    }

    [Fact]
    public void Many_addresses_slow_the_account_to_one_try_per_interval_and_say_so_once()
    {
        using var throttle = new SignInThrottle(new SignInThrottleOptions { AccountFailures = 10, SlowInterval = TimeSpan.FromSeconds(10) }, _time);
        var toldOwner = Enumerable.Range(0, 12).Count(i => throttle.Failed("DPO@SIL.TEST", $"203.0.113.{i}"));

        Assert.Equal(1, toldOwner);
        Assert.Equal(SignInThrottle.Verdict.Slowed, throttle.Check("DPO@SIL.TEST", "192.0.2.1", out var wait));
        Assert.True(wait <= TimeSpan.FromSeconds(10) && wait > TimeSpan.Zero);
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(SignInThrottle.Verdict.Allowed, throttle.Check("DPO@SIL.TEST", "192.0.2.1", out _));
        Assert.Equal(SignInThrottle.Verdict.Slowed, throttle.Check("DPO@SIL.TEST", "192.0.2.2", out _));
    }

    [Fact]
    public async Task What_is_remembered_is_bounded_in_count()
    {
        using var throttle = new SignInThrottle(new SignInThrottleOptions { MaxEntries = 1000 }, _time);
        for (var i = 0; i < 20_000; i++)
        {
            throttle.Failed($"SOMEONE{i}@EXAMPLE.ORG", "203.0.113.1");
            if (i % 1000 == 0)
            {
                await Task.Delay(10); // compaction runs in the background
            }
        }

        await Task.Delay(200);
        Assert.InRange(throttle.Count, 1, 1000);
    }
}
