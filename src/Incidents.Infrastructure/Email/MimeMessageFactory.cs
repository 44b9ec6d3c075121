using Incidents.Application.Common.Interfaces;
using MimeKit;

namespace Incidents.Infrastructure.Email;

internal static class MimeMessageFactory
{
    /// <summary>Builds one message. Every address object is new for this message (a shared MailboxAddress would
    /// keep every message it was ever added to alive through its change event).</summary>
    public static MimeMessage Create(EmailMessage message, string from)
    {
        if (!MailboxAddress.TryParse(message.To.Address, out var parsed) || parsed.Address != message.To.Address)
        {
            throw new EmailDeliveryException($"'{message.To.Address}' is not a valid email address.", EmailFailureKind.Recipient);
        }

        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(new MailboxAddress(message.To.Name, message.To.Address));
        mime.Subject = message.Subject;
        mime.MessageId = message.MessageId;
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        return mime;
    }
}
