using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Incidents.Infrastructure.Email;

/// <summary>Opens a session with the relay as configured, for sending and for the health probe alike: STARTTLS or
/// implicit TLS with the certificate validated (never a fall-back to plain text), an explicit timeout, then sign-in
/// when a user is set. Any failure comes out classified by <see cref="SmtpFailures"/>. The socket is our own, with
/// Nagle off (NoDelay): SMTP writes the message and then its closing dot as a small second write, which Nagle holds
/// until the relay's delayed ACK (about 40 ms a message) on a kept-open connection.</summary>
internal sealed class SmtpRelay : ISmtpConnection
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
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(_smtp.TimeoutSeconds));
            try
            {
                await socket.ConnectAsync(_smtp.Host!, _smtp.Port, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Connecting to {_smtp.Host}:{_smtp.Port} took longer than {_smtp.TimeoutSeconds} s.");
            }

            // MailKit owns the socket from here and closes it with the session.
            await Client.ConnectAsync(socket, _smtp.Host!, _smtp.Port, security, cancellationToken);
        }
        catch
        {
            if (!Client.IsConnected)
            {
                socket.Dispose();
            }

            throw;
        }

        if (!string.IsNullOrEmpty(_smtp.User))
        {
            await Client.AuthenticateAsync(_smtp.User, _smtp.Password ?? string.Empty, cancellationToken);
        }
    }

    public bool IsConnected => Client.IsConnected;

    public Task NoOpAsync(CancellationToken cancellationToken) => Client.NoOpAsync(cancellationToken);

    public Task SendAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken) => Client.SendAsync(message, cancellationToken);

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
