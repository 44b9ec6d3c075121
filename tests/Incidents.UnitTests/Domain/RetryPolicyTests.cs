using Incidents.Domain.Notifications;

namespace Incidents.UnitTests.Domain;

public sealed class RetryPolicyTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 240)]
    [InlineData(6, 960)]
    public void The_delay_doubles_from_thirty_seconds(int attempts, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryPolicy.Default.DelayAfter(attempts));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(19)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void The_delay_is_capped_at_the_maximum(int attempts)
    {
        Assert.Equal(TimeSpan.FromMinutes(30), RetryPolicy.Default.DelayAfter(attempts));
    }

    [Fact]
    public void A_custom_policy_caps_at_its_own_maximum()
    {
        var policy = new RetryPolicy(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(25), 5);

        Assert.Equal(TimeSpan.FromSeconds(10), policy.DelayAfter(1));
        Assert.Equal(TimeSpan.FromSeconds(20), policy.DelayAfter(2));
        Assert.Equal(TimeSpan.FromSeconds(25), policy.DelayAfter(3));
    }

    [Fact]
    public void There_is_no_delay_before_the_first_attempt()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RetryPolicy.Default.DelayAfter(0));
    }

    [Fact]
    public void The_policy_gives_up_at_max_attempts_and_not_before()
    {
        var policy = new RetryPolicy(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(30), 3);

        Assert.False(policy.GivesUpAfter(1));
        Assert.False(policy.GivesUpAfter(2));
        Assert.True(policy.GivesUpAfter(3));
        Assert.True(policy.GivesUpAfter(4));
        Assert.False(RetryPolicy.Default.GivesUpAfter(19));
        Assert.True(RetryPolicy.Default.GivesUpAfter(20));
    }
}
