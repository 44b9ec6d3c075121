namespace Incidents.Application.Common.Interfaces;

public sealed record EmailAddress(string Name, string Address);

public sealed record EmailMessage(EmailAddress To, string Subject, string TextBody, string HtmlBody, string MessageId);

public interface IEmailSender
{
    /// <summary>Sends one message. Throws <see cref="EmailDeliveryException"/> when it cannot.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>A delivery that did not happen. <see cref="IsPermanent"/> is true for a rejection that retrying
/// cannot fix (an SMTP 5xx reply); otherwise the sender will try again later.</summary>
public sealed class EmailDeliveryException : Exception
{
    public EmailDeliveryException(string message, bool isPermanent, Exception? inner = null)
        : base(message, inner)
    {
        IsPermanent = isPermanent;
    }

    public EmailDeliveryException()
    {
    }

    public EmailDeliveryException(string message)
        : base(message)
    {
    }

    public EmailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool IsPermanent { get; }
}
