using Incidents.Application.Common.Interfaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Incidents.Infrastructure.Email;

/// <summary>
/// Sends through an SMTP relay with MailKit (<see cref="SmtpRelay"/>: TLS as configured with the certificate validated,
/// an explicit timeout), a fresh connection per message so a broken connection never carries over. A failure is
/// classified once, by <see cref="SmtpFailures"/>: transient, a configuration fault of the relay, or this recipient refused.
/// </summary>
internal sealed class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        var mime = MimeMessageFactory.Create(message, settings.From);
        await using var relay = new SmtpRelay(settings.Smtp);
        try
        {
            await relay.OpenAsync(cancellationToken);
            await relay.Client.SendAsync(mime, cancellationToken);
        }
        catch (Exception ex) when (ex is not EmailDeliveryException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            var failure = relay.Classify(ex);
            logger.LogWarning("Sending {MessageId} failed: {Kind} ({ExceptionType})", message.MessageId, failure.Kind, ex.GetType().Name);
            throw failure;
        }
    }
}
