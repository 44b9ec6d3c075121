using MailKit.Net.Smtp;
using MailKit.Security;

namespace Incidents.Infrastructure.Email;

/// <summary>Opens a session with the relay as configured, for sending and for the health probe alike: STARTTLS or
/// implicit TLS with the certificate validated (never a fall-back to plain text), an explicit timeout, then sign-in
/// when a user is set. Any failure comes out classified by <see cref="SmtpFailures"/>.</summary>
internal sealed class SmtpRelay : IAsyncDisposable
{
    private readonly EmailOptions.SmtpOptions _smtp;
    private readonly RelayCertificateValidator _validator;

    public SmtpRelay(EmailOptions.SmtpOptions smtp)
    {
        _smtp = smtp;
        _validator = new RelayCertificateValidator(smtp);
        Client = new SmtpClient
        {
            Timeout = smtp.TimeoutSeconds * 1000,
            CheckCertificateRevocation = smtp.CheckCertificateRevocation,
            ServerCertificateValidationCallback = _validator.Validate,
        };
    }

    public SmtpClient Client { get; }

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        var security = _smtp.Security switch
        {
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await Client.ConnectAsync(_smtp.Host!, _smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(_smtp.User))
        {
            await Client.AuthenticateAsync(_smtp.User, _smtp.Password ?? string.Empty, cancellationToken);
        }
    }

    /// <summary>What a failure of this session means (see <see cref="SmtpFailures"/>).</summary>
    public Application.Common.Interfaces.EmailDeliveryException Classify(Exception exception) =>
        SmtpFailures.Classify(exception, _smtp, _validator.Problem);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Client.IsConnected)
            {
                await Client.DisconnectAsync(quit: true, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException or TimeoutException or OperationCanceledException)
        {
            // The session is over either way.
        }

        Client.Dispose();
    }
}
