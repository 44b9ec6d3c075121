namespace Incidents.Domain.Evidence;

/// <summary>
/// A file of evidence attached to an incident or to a clause 10 suspension (exactly one of <see cref="IncidentId"/> and
/// <see cref="SuspensionId"/>): its bytes (kept in the database, outside the web root), the type found
/// in its content, its size and SHA-256, and who uploaded it when. Never changed after upload.
/// </summary>
public sealed class Attachment
{
    public const int FileNameMaxLength = 200;
    public const int ContentTypeMaxLength = 100;

    /// <summary>20 MiB: <c>Attachments:MaxBytes</c> when not configured.</summary>
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    private Attachment()
    {
        FileName = ContentType = Sha256 = UploadedByUserId = UploadedByName = string.Empty;
        Content = [];
    }

    /// <summary>Evidence on an incident.</summary>
    public Attachment(Guid id, Guid incidentId, string fileName, EvidenceType type, byte[] content, string uploadedByUserId, string uploadedByName, DateTimeOffset uploadedAt)
        : this(id, fileName, type, content, uploadedByUserId, uploadedByName, uploadedAt)
    {
        IncidentId = incidentId;
    }

    /// <summary>Evidence of the serious breach a suspension of an agreement rests on (clause 10).</summary>
    public static Attachment ForSuspension(Guid id, Guid suspensionId, string fileName, EvidenceType type, byte[] content, string uploadedByUserId, string uploadedByName, DateTimeOffset uploadedAt) =>
        new(id, fileName, type, content, uploadedByUserId, uploadedByName, uploadedAt) { SuspensionId = suspensionId };

    private Attachment(Guid id, string fileName, EvidenceType type, byte[] content, string uploadedByUserId, string uploadedByName, DateTimeOffset uploadedAt)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        Id = id;
        Type = type;
        FileName = EvidenceTypes.SafeFileName(fileName, type);
        ContentType = type.ContentType();
        Content = content;
        Size = content.LongLength;
        Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        UploadedByUserId = uploadedByUserId;
        UploadedByName = uploadedByName;
        UploadedAt = uploadedAt.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    /// <summary>The incident it is evidence on, or null for a suspension's evidence.</summary>
    public Guid? IncidentId { get; private set; }

    /// <summary>The suspension it is evidence for, or null for an incident's evidence.</summary>
    public Guid? SuspensionId { get; private set; }
    public string FileName { get; private set; }
    public EvidenceType Type { get; private set; }

    /// <summary>The media type it is served with, from <see cref="Type"/> (never from what the uploader sent).</summary>
    public string ContentType { get; private set; }

    public long Size { get; private set; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Content"/>, as <c>sha256sum</c> prints it.</summary>
    public string Sha256 { get; private set; }

    public byte[] Content { get; private set; }
    public string UploadedByUserId { get; private set; }
    public string UploadedByName { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }
}
