using System.Net;
using Incidents.Application.Features.Webhooks;
using Incidents.Domain.Webhooks;
using Incidents.Infrastructure.Webhooks;

namespace Incidents.UnitTests.Infrastructure.Webhooks;

public sealed class WebhookSignatureTests
{
    [Fact]
    public void The_signature_matches_the_standard_webhooks_test_vector()
    {
        // The test vector of the Standard Webhooks reference libraries: v1, + base64 HMAC-SHA256 over "{id}.{timestamp}.{body}".
        var signature = HttpWebhookSender.Sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            DateTimeOffset.FromUnixTimeSeconds(1614265330),
            "{\"test\": 2432232314}");

        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void A_generated_secret_is_whsec_and_32_random_bytes_and_a_malformed_one_is_refused()
    {
        var a = WebhookSecret.Generate();
        var b = WebhookSecret.Generate();
        Assert.StartsWith("whsec_", a, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(a["whsec_".Length..]).Length);
        Assert.NotEqual(a, b);
        Assert.True(WebhookSecret.IsValid(a));
        Assert.False(WebhookSecret.IsValid("hunter2"));
        Assert.False(WebhookSecret.IsValid("whsec_c2hvcnQ="));
        Assert.False(WebhookSecret.IsValid("whsec_not base64!"));
    }

    [Theory]
    [InlineData("https://transfers.example.org/hooks", true)]
    [InlineData("http://transfers.example.org/hooks", false)]
    [InlineData("https://127.0.0.1/hooks", false)]
    [InlineData("https://localhost/hooks", false)]
    [InlineData("https://10.0.0.5/hooks", false)]
    [InlineData("https://172.20.1.1/hooks", false)]
    [InlineData("https://192.168.1.1/hooks", false)]
    [InlineData("https://169.254.169.254/latest/meta-data", false)]
    [InlineData("https://[::1]/hooks", false)]
    [InlineData("https://[fd00::1]/hooks", false)]
    [InlineData("https://user:pass@transfers.example.org/hooks", false)]
    [InlineData("ftp://transfers.example.org/hooks", false)]
    public void Only_https_to_a_public_address_is_a_target_by_default(string url, bool accepted)
    {
        Assert.Equal(accepted, WebhookTargets.Problem(url, new WebhookSettings()) is null);
    }

    [Fact]
    public void Allow_http_lets_a_local_receiver_be_a_target_and_development_allows_http_but_not_internal_addresses()
    {
        Assert.Null(WebhookTargets.Problem("http://127.0.0.1:5001/hooks", new WebhookSettings { AllowHttp = true }));
        Assert.Null(WebhookTargets.Problem("http://transfers.example.org/hooks", new WebhookSettings { IsDevelopment = true }));
        Assert.NotNull(WebhookTargets.Problem("http://127.0.0.1:5001/hooks", new WebhookSettings { IsDevelopment = true }));
    }

    [Theory]
    [InlineData("8.8.8.8", false)]
    [InlineData("2a00:1450:4009:81f::200e", false)]
    [InlineData("127.0.0.2", true)]
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("fe80::1", true)]
    public void Internal_addresses_are_recognised_at_connect_time(string address, bool isInternal)
    {
        Assert.Equal(isInternal, WebhookTargets.IsInternal(IPAddress.Parse(address)));
    }
}
