using Incidents.Domain.Evidence;

namespace Incidents.Application.Features.Evidence;

/// <summary>An attachment as listed and as answered on upload: <c>{id, fileName, size, sha256}</c> and more.</summary>
public sealed record AttachmentView(Guid Id, string FileName, long Size, string Sha256, EvidenceType Type, string ContentType, DateTimeOffset UploadedAt, string UploadedBy);

/// <summary>A download: the bytes and what to call them.</summary>
public sealed record AttachmentFile(string FileName, string ContentType, string Sha256, byte[] Content);
