namespace Incidents.Domain.Notifications;

/// <summary>One version of the DPO's edit of a notice type's template. The current template of a type is its highest
/// version; a version with no subject and body is a revert to the shipped default. Rows are only ever added.</summary>
public sealed class NoticeTemplate
{
    public const int SubjectMaxLength = 500;
    public const int BodyMaxLength = 20_000;
    public const int EditedByMaxLength = 200;

    private NoticeTemplate()
    {
        EditedBy = string.Empty;
    }

    public NoticeTemplate(Guid id, NotificationType type, int version, string? subject, string? body, string editedBy, DateTimeOffset editedAt)
    {
        if ((subject is null) != (body is null))
        {
            throw new ArgumentException("A template has both a subject and a body, or neither (the default).");
        }

        Id = id;
        Type = type;
        Version = version;
        Subject = subject;
        Body = body;
        EditedBy = editedBy.Length > EditedByMaxLength ? editedBy[..EditedByMaxLength] : editedBy;
        EditedAt = editedAt;
    }

    public Guid Id { get; private set; }
    public NotificationType Type { get; private set; }

    /// <summary>1, 2, 3… per type; 0 is the shipped default, never stored.</summary>
    public int Version { get; private set; }

    public string? Subject { get; private set; }
    public string? Body { get; private set; }
    public bool IsDefault => Subject is null;
    public string EditedBy { get; private set; }
    public DateTimeOffset EditedAt { get; private set; }
}
