using System.Net;
using System.Net.Sockets;
using Incidents.Application.Common.Interfaces;
using Incidents.Infrastructure.Email;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Incidents.UnitTests.Infrastructure.Email;

/// <summary>Each SMTP failure kind, as MailKit reports it, gets its one classification (SmtpFailures).</summary>
public sealed class SmtpFailureClassificationTests
{
    private static readonly EmailOptions.SmtpOptions Relay = new() { Host = "smtp.council.example", Port = 25, User = "incidents", TimeoutSeconds = 1 };

    private static EmailDeliveryException Classify(Exception exception, string? certificateProblem = null) =>
        SmtpFailures.Classify(exception, Relay, certificateProblem);

    [Fact]
    public async Task Connection_refused_is_transient()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var smtp = new EmailOptions.SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.StartTls, TimeoutSeconds = 5 };

        await using var relay = new SmtpRelay(smtp);
        var failure = relay.Classify(await Assert.ThrowsAnyAsync<Exception>(() => relay.OpenAsync(CancellationToken.None)));

        Assert.Equal(EmailFailureKind.Transient, failure.Kind);
        Assert.Contains("cannot be reached", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_relay_that_never_answers_times_out_and_is_transient()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var smtp = new EmailOptions.SmtpOptions { Host = "127.0.0.1", Port = ((IPEndPoint)silent.LocalEndpoint).Port, Security = SmtpSecurity.StartTls, TimeoutSeconds = 1 };

        await using var relay = new SmtpRelay(smtp);
        var failure = relay.Classify(await Assert.ThrowsAnyAsync<Exception>(() => relay.OpenAsync(CancellationToken.None)));

        Assert.Equal(EmailFailureKind.Transient, failure.Kind);
        Assert.Contains("did not answer within 1 s", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.MailboxBusy)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.InsufficientStorage)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.ErrorInProcessing)]
    [InlineData(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.ServiceNotAvailable)]
    public void A_4xx_reply_is_transient(SmtpErrorCode code, SmtpStatusCode status)
    {
        var failure = Classify(new SmtpCommandException(code, status, "try again later"));

        Assert.Equal(EmailFailureKind.Transient, failure.Kind);
        Assert.StartsWith($"SMTP {(int)status}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_that_does_not_validate_is_a_configuration_fault()
    {
        var failure = Classify(new SslHandshakeException("An error occurred while attempting to establish an SSL or TLS connection."),
            "the relay's certificate could not be validated: the issuing CA is not trusted");

        Assert.Equal(EmailFailureKind.Configuration, failure.Kind);
        Assert.Equal("the relay's certificate could not be validated: the issuing CA is not trusted (relay smtp.council.example:25)", failure.Message);
    }

    [Fact]
    public void A_tls_handshake_broken_off_without_a_certificate_problem_is_transient()
    {
        var failure = Classify(new SslHandshakeException("An error occurred while attempting to establish an SSL or TLS connection.", new IOException("Connection reset by peer")));

        Assert.Equal(EmailFailureKind.Transient, failure.Kind);
        Assert.Contains("Connection reset by peer", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_credentials_are_a_configuration_fault()
    {
        var failure = Classify(new AuthenticationException("535: 5.7.8 Error: authentication failed"));

        Assert.Equal(EmailFailureKind.Configuration, failure.Kind);
        Assert.Contains("refused the user name or password (Email:Smtp:User 'incidents')", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relay_that_requires_sign_in_is_a_configuration_fault()
    {
        Assert.Equal(EmailFailureKind.Configuration, Classify(new MailKit.ServiceNotAuthenticatedException("Authentication required.")).Kind);
    }

    [Fact]
    public void A_relay_without_starttls_is_a_configuration_fault_and_never_plain_text()
    {
        var failure = Classify(new NotSupportedException("The SMTP server does not support the STARTTLS extension."));

        Assert.Equal(EmailFailureKind.Configuration, failure.Kind);
        Assert.Contains("never sent in plain text", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SmtpStatusCode.MailboxUnavailable)]
    [InlineData(SmtpStatusCode.AuthenticationRequired)]
    public void A_5xx_on_mail_from_is_a_configuration_fault(SmtpStatusCode status)
    {
        var failure = Classify(new SmtpCommandException(SmtpErrorCode.SenderNotAccepted, status, new MailboxAddress("SIL Incidents", "incidents@sil.example.org"), "Sender address rejected"));

        Assert.Equal(EmailFailureKind.Configuration, failure.Kind);
        Assert.Contains("refused the sender incidents@sil.example.org (Email:From)", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_5xx_on_rcpt_to_concerns_that_recipient_only()
    {
        var failure = Classify(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, new MailboxAddress("Alex", "head@school-a.example.org"), "User unknown"));

        Assert.Equal(EmailFailureKind.Recipient, failure.Kind);
        Assert.True(failure.IsPermanent);
        Assert.Contains("550", failure.Message, StringComparison.Ordinal);
        Assert.Contains("head@school-a.example.org", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_5xx_on_data_concerns_that_message_only()
    {
        Assert.Equal(EmailFailureKind.Recipient, Classify(new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed, "Message content rejected")).Kind);
    }

    [Fact]
    public void Anything_unforeseen_is_transient()
    {
        Assert.Equal(EmailFailureKind.Transient, Classify(new MailKit.Net.Smtp.SmtpProtocolException("The SMTP server has unexpectedly disconnected.")).Kind);
        Assert.Equal(EmailFailureKind.Transient, Classify(new IOException("Broken pipe")).Kind);
    }
}
