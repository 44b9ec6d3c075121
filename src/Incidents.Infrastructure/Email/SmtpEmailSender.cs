using System.Net.Sockets;
using Incidents.Application.Common.Interfaces;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Incidents.Infrastructure.Email;

/// <summary>
/// Sends through an SMTP server with MailKit: StartTls or SslOnConnect with certificate validation on
/// (plain text only to a loopback catcher), an explicit timeout, a fresh connection per message so a broken
/// connection never carries over. A 5xx reply is permanent; everything else is worth another try.
/// </summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var smtp = settings.Smtp;
        var mime = MimeMessageFactory.Create(message, settings.From);
        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        try
        {
            var security = smtp.Security switch
            {
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(smtp.Host!, smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException ex)
        {
            // Only a 5xx about this recipient or this message is permanent. A 5xx about the sender, the
            // greeting or authentication is the relay's configuration: retried, and alerted after MaxAttempts.
            var permanent = (int)ex.StatusCode >= 500
                && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;
            logger.LogWarning("SMTP refused {MessageId}: {StatusCode} {ErrorCode}", message.MessageId, (int)ex.StatusCode, ex.ErrorCode);
            throw new EmailDeliveryException($"SMTP {(int)ex.StatusCode}: {ex.Message}", permanent, ex);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or SocketException or ServiceNotConnectedException
                                       or ServiceNotAuthenticatedException or AuthenticationException or SslHandshakeException
                                       or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new EmailDeliveryException($"{ex.GetType().Name}: {ex.Message}", isPermanent: false, ex);
        }
    }
}
