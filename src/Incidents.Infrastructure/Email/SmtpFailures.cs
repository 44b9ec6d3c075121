using System.Globalization;
using System.Net.Sockets;
using Incidents.Application.Common.Interfaces;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Incidents.Infrastructure.Email;

/// <summary>
/// The one place that decides what an SMTP failure means (<see cref="EmailFailureKind"/>), used by the sender and by the
/// health probe:
/// <list type="bullet">
/// <item>transient: the relay cannot be reached, times out, drops the connection, or answers 4xx;</item>
/// <item>configuration: its certificate does not validate, it refuses our credentials or requires them, it refuses our
/// sender (5xx on MAIL FROM), it does not offer STARTTLS, or it answers 5xx outside a recipient or message;</item>
/// <item>recipient: 5xx on RCPT TO (this address) or on DATA (this message).</item>
/// </list>
/// The message says precisely what went wrong, for the notice's last error, the fault banner and /health/ready.
/// </summary>
internal static class SmtpFailures
{
    public static EmailDeliveryException Classify(Exception exception, EmailOptions.SmtpOptions smtp, string? certificateProblem)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(smtp);
        var relay = string.Create(CultureInfo.InvariantCulture, $"{smtp.Host}:{smtp.Port}");
        return exception switch
        {
            _ when certificateProblem is not null =>
                new($"{certificateProblem} (relay {relay})", EmailFailureKind.Configuration, exception),
            SmtpCommandException command => Command(command, relay),
            MailKit.Security.AuthenticationException =>
                new($"the relay {relay} refused the user name or password (Email:Smtp:User '{smtp.User}'): {exception.Message}", EmailFailureKind.Configuration, exception),
            ServiceNotAuthenticatedException =>
                new($"the relay {relay} requires sign-in: set Email:Smtp:User and Email:Smtp:Password ({exception.Message})", EmailFailureKind.Configuration, exception),
            NotSupportedException =>
                new($"the relay {relay} cannot be used as configured: {exception.Message} (mail is never sent in plain text; for implicit TLS on port 465 use Email:Smtp:Security SslOnConnect)", EmailFailureKind.Configuration, exception),
            SslHandshakeException =>
                new($"TLS with the relay {relay} failed: {Innermost(exception)}", EmailFailureKind.Transient, exception),
            SocketException socket =>
                new($"the relay {relay} cannot be reached: {socket.Message} ({socket.SocketErrorCode})", EmailFailureKind.Transient, exception),
            TimeoutException or OperationCanceledException =>
                new(string.Create(CultureInfo.InvariantCulture, $"the relay {relay} did not answer within {smtp.TimeoutSeconds} s"), EmailFailureKind.Transient, exception),
            _ => new($"{exception.GetType().Name} from the relay {relay}: {exception.Message}", EmailFailureKind.Transient, exception),
        };
    }

    private static EmailDeliveryException Command(SmtpCommandException ex, string relay)
    {
        var code = (int)ex.StatusCode;
        var reply = string.Create(CultureInfo.InvariantCulture, $"SMTP {code}: {ex.Message}");
        if (code < 500)
        {
            return new(reply, EmailFailureKind.Transient, ex);
        }

        return ex.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => new($"{reply} (recipient {ex.Mailbox?.Address})", EmailFailureKind.Recipient, ex),
            SmtpErrorCode.MessageNotAccepted => new(reply, EmailFailureKind.Recipient, ex),
            SmtpErrorCode.SenderNotAccepted => new($"the relay {relay} refused the sender {ex.Mailbox?.Address} (Email:From): {reply}", EmailFailureKind.Configuration, ex),
            _ => new($"the relay {relay} answered {reply}", EmailFailureKind.Configuration, ex),
        };
    }

    private static string Innermost(Exception exception)
    {
        var inner = exception;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner == exception ? exception.Message.Split('\n')[0].Trim() : $"{inner.GetType().Name}: {inner.Message}";
    }
}
