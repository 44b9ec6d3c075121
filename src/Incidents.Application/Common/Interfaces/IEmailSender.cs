namespace Incidents.Application.Common.Interfaces;

public sealed record EmailAddress(string Name, string Address);

public sealed record EmailMessage(EmailAddress To, string Subject, string TextBody, string HtmlBody, string MessageId);

public interface IEmailSender
{
    /// <summary>Sends one message. Throws <see cref="EmailDeliveryException"/> when it cannot.</summary>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>Why a delivery did not happen, and so what the system does about it. The sender decides the kind (it
/// knows its protocol); the delivery handler acts on it.</summary>
public enum EmailFailureKind
{
    /// <summary>Worth another try by itself: the relay could not be reached, timed out, or answered 4xx.</summary>
    Transient,

    /// <summary>The relay is set up wrongly for us (its certificate does not validate, our credentials or our sender
    /// address are refused): retrying will not help until someone fixes it, and it concerns every notice, so the notice
    /// stays owed and the fault is raised at once.</summary>
    Configuration,

    /// <summary>This notice was refused for good (its recipient, or the message itself: a 5xx on RCPT or DATA).</summary>
    Recipient,
}

/// <summary>A delivery that did not happen, with its <see cref="Kind"/>.</summary>
public sealed class EmailDeliveryException : Exception
{
    public EmailDeliveryException(string message, EmailFailureKind kind, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
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

    public EmailFailureKind Kind { get; }

    /// <summary>This notice can never be delivered as it is: mark it failed and tell the DPO.</summary>
    public bool IsPermanent => Kind == EmailFailureKind.Recipient;
}
