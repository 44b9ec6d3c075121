using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using Incidents.Domain.Notifications;
using Incidents.IntegrationTests.Support;

namespace Incidents.IntegrationTests;

/// <summary>
/// The product against a real MTA: Debian's Postfix (a private instance started by the test, see
/// <see cref="PostfixRelay"/>) on a loopback port with STARTTLS and a certificate from a private CA made in the test,
/// relaying to the test's SMTP server. Postfix missing or not startable is a failure with a message, never a skip.
/// </summary>
public sealed class PostfixRelayTests : IAsyncLifetime
{
    private readonly TestSmtpServer _mailbox = new();
    private readonly X509Certificate2 _councilCa = TestCertificates.CreateCa("Council Internal CA (test)");
    private readonly string _directory = Directory.CreateTempSubdirectory("incidents-relay-ca-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _mailbox.DisposeAsync();
        _councilCa.Dispose();
        IncidentsApp.TryDelete(_directory);
    }

    private string CaFile()
    {
        var path = Path.Combine(_directory, "council-ca.pem");
        TestCertificates.WriteCertificatePem(_councilCa, path);
        return path;
    }

    private IncidentsApp App(PostfixRelay relay, bool checkRevocation = false) => new(null, settings: new Dictionary<string, string?>
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "StartTls",
        ["Email:Smtp:TrustedCaFile"] = CaFile(),
        ["Email:Smtp:CheckCertificateRevocation"] = checkRevocation ? "true" : "false",
        ["Email:Smtp:ProbeCacheSeconds"] = "1",
        ["Notifications:FaultRetryDelay"] = "00:00:03",
    });

    [Fact]
    public async Task A_notice_goes_through_postfix_over_starttls_trusting_the_private_ca_file()
    {
        using var certificate = TestCertificates.IssueServer(_councilCa);
        await using var relay = new PostfixRelay(_mailbox.Port, certificate);
        await using var app = App(relay);
        var staff = await app.SignInAsync("staff@merseyvale.test");

        var result = await staff.ReportAsync(Api.Breach());

        var owed = result.Notified.Count;
        Assert.True(owed >= 2, $"Only {owed} notices for a breach.");
        var incident = await Wait.UntilAsync(() => staff.GetIncidentAsync(result.Id), i => i.Notifications.All(n => n.Status == NotificationStatus.Sent), what: "every notice sent");
        var messages = await _mailbox.WaitForAsync(owed, timeout: TimeSpan.FromSeconds(30));
        Assert.All(incident.Notifications, n => Assert.Equal(1, n.Attempts));
        // Postfix wrote in its Received header that our client came over TLS.
        Assert.All(messages, m => Assert.Contains("using TLS", string.Join("\n", m.Headers.Where(h => h.Field == "Received").Select(h => h.Value)), StringComparison.Ordinal));
        Assert.Equal(owed, messages.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused_with_the_banner_raised_in_seconds_and_no_plain_text_then_delivered_once_after_the_fix()
    {
        using var rogueCa = TestCertificates.CreateCa("Somebody Else's CA");
        using var untrusted = TestCertificates.IssueServer(rogueCa);
        await using var relay = new PostfixRelay(_mailbox.Port, untrusted);
        await using var app = App(relay);
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var dpo = await app.SignInAsync("dpo@sil.test");
        var dpoPages = await app.SignInWithCookieAsync("dpo@sil.test");

        var clock = Stopwatch.StartNew();
        var result = await staff.ReportAsync(Api.Breach());

        var dashboard = await Wait.UntilAsync(() => dpoPages.GetStringAsync("/"), p => p.Contains("data-testid=\"email-fault\"", StringComparison.Ordinal), what: "the fault banner");
        var raisedIn = clock.Elapsed;
        Assert.True(raisedIn < TimeSpan.FromSeconds(10), $"The banner took {raisedIn}.");
        Assert.Contains("the relay&#x27;s certificate could not be validated", dashboard, StringComparison.Ordinal);
        Assert.Contains("Somebody Else&#x27;s CA", dashboard, StringComparison.Ordinal);
        Assert.Contains("not trusted", dashboard, StringComparison.Ordinal);
        var health = await dpo.GetStringAsync("/health/ready");
        Assert.Contains("\"status\":\"Degraded\"", health, StringComparison.Ordinal);
        Assert.Contains("Configuration fault", health, StringComparison.Ordinal);
        Assert.Contains("could not be validated", health, StringComparison.Ordinal);

        // Some more tries while it is broken: still nothing in plain text. Postfix offers STARTTLS without requiring it,
        // so a client that fell back would have got its mail through; none reached MAIL FROM.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Empty(_mailbox.Messages);
        Assert.DoesNotContain(" mail=", relay.Log, StringComparison.Ordinal);
        var waiting = await dpo.GetIncidentAsync(result.Id);
        Assert.All(waiting.Notifications, n => Assert.Equal(NotificationStatus.Pending, n.Status));
        Assert.Contains(waiting.Alerts, a => a.Message.Contains("certificate could not be validated", StringComparison.Ordinal));

        // The relay's operator installs a certificate from the council's CA: the notices go within a minute, once each.
        using var fixedCertificate = TestCertificates.IssueServer(_councilCa);
        relay.ReplaceCertificate(fixedCertificate);
        var fixedAt = Stopwatch.StartNew();
        var owed = result.Notified.Count;
        await _mailbox.WaitForAsync(owed, timeout: TimeSpan.FromSeconds(60));
        Assert.True(fixedAt.Elapsed < TimeSpan.FromMinutes(1));
        await Wait.UntilAsync(() => dpo.GetIncidentAsync(result.Id), i => i.Notifications.All(n => n.Status == NotificationStatus.Sent), what: "all sent");
        await Wait.UntilAsync(() => dpoPages.GetStringAsync("/"), p => !p.Contains("data-testid=\"email-banner\"", StringComparison.Ordinal), what: "the banner gone");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(owed, _mailbox.Messages.Count);
        Assert.Equal(owed, _mailbox.Messages.Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task With_revocation_checked_and_the_private_cas_list_unreachable_the_banner_names_the_setting()
    {
        // The certificate names a CRL at a loopback port where nothing listens, as a private CA's list often is
        // unreachable from the app's network.
        using var certificate = TestCertificates.IssueServer(_councilCa, crlUrl: "http://127.0.0.1:9/council-ca.crl");
        await using var relay = new PostfixRelay(_mailbox.Port, certificate);
        await using var app = App(relay, checkRevocation: true);
        var staff = await app.SignInAsync("staff@merseyvale.test");
        var dpoPages = await app.SignInWithCookieAsync("dpo@sil.test");

        await staff.ReportAsync(Api.Breach());

        var dashboard = await Wait.UntilAsync(() => dpoPages.GetStringAsync("/"), p => p.Contains("data-testid=\"email-fault\"", StringComparison.Ordinal), what: "the fault banner");
        Assert.Contains("revocation could not be checked", dashboard, StringComparison.Ordinal);
        Assert.Contains("Email:Smtp:CheckCertificateRevocation", dashboard, StringComparison.Ordinal);
        Assert.Empty(_mailbox.Messages);
    }
}
