namespace Incidents.Domain.Notifications;

/// <summary>
/// Something the DPO must know that the system could not do by itself, e.g. a notice that could not be
/// delivered. Shown on the incident and in the API; never silently dropped.
/// </summary>
public sealed class Alert
{
    public const int MessageMaxLength = 2000;

    private Alert()
    {
        Message = string.Empty;
    }

    public Alert(Guid id, Guid? incidentId, Guid? notificationId, string message, DateTimeOffset raisedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        Id = id;
        IncidentId = incidentId;
        NotificationId = notificationId;
        Message = message.Length > MessageMaxLength ? message[..MessageMaxLength] : message;
        RaisedAt = raisedAt;
    }

    public Guid Id { get; private set; }
    public Guid? IncidentId { get; private set; }
    public Guid? NotificationId { get; private set; }
    public string Message { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }

    /// <summary>When it was dealt with (a failed notice resent), and by whom; an alert is never deleted.</summary>
    public DateTimeOffset? ResolvedAt { get; private set; }

    public string? ResolvedBy { get; private set; }

    public const int ResolvedByMaxLength = 200;

    public void Resolve(string by, DateTimeOffset at)
    {
        if (ResolvedAt is not null)
        {
            return;
        }

        ResolvedAt = at;
        ResolvedBy = by.Length > ResolvedByMaxLength ? by[..ResolvedByMaxLength] : by;
    }
}
