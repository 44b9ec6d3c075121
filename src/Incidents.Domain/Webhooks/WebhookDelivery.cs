namespace Incidents.Domain.Webhooks;

public enum WebhookDeliveryStatus
{
    /// <summary>Owed; due at <see cref="WebhookDelivery.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>Claimed by one run until <see cref="WebhookDelivery.ClaimedUntil"/>; a lapsed claim is taken again.</summary>
    Sending,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered,

    /// <summary>Given up after the last attempt.</summary>
    Failed,

    /// <summary>Not sent: the endpoint was disabled before it went.</summary>
    Skipped,
}

/// <summary>
/// One event owed to one endpoint: written in the same transaction as the event (like a notification row), sent by the
/// outbox. <see cref="Id"/> is the <c>webhook-id</c> of every attempt, so a receiver sees the same id on a retry and can
/// drop the duplicate (at-least-once). The payload holds ids and states only, never personal data.
/// </summary>
public sealed class WebhookDelivery
{
    public const int EventTypeMaxLength = 60;
    public const int LastErrorMaxLength = 1000;

    private WebhookDelivery()
    {
        EventType = Payload = string.Empty;
    }

    public WebhookDelivery(Guid id, Guid endpointId, string eventType, Guid subjectId, string payload, DateTimeOffset createdAt)
    {
        Id = id;
        EndpointId = endpointId;
        EventType = eventType;
        SubjectId = subjectId;
        Payload = payload;
        CreatedAt = createdAt;
        NextAttemptAt = createdAt;
        Status = WebhookDeliveryStatus.Pending;
    }

    public Guid Id { get; private set; }
    public Guid EndpointId { get; private set; }
    public string EventType { get; private set; }

    /// <summary>The incident or agreement the event is about.</summary>
    public Guid SubjectId { get; private set; }

    /// <summary>The JSON body sent, the same on every attempt.</summary>
    public string Payload { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public WebhookDeliveryStatus Status { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? ClaimedUntil { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset? LastAttemptAt { get; private set; }

    /// <summary>The HTTP status of the last answer (null when none came: refused, timed out).</summary>
    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }
}
