namespace Incidents.Domain.Evidence;

/// <summary>
/// A file of evidence attached to an incident: its bytes (kept in the database, outside the web root), the type found
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

    public Attachment(Guid id, Guid incidentId, string fileName, EvidenceType type, byte[] content, string uploadedByUserId, string uploadedByName, DateTimeOffset uploadedAt)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        Id = id;
        IncidentId = incidentId;
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
    public Guid IncidentId { get; private set; }
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
