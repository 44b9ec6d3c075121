namespace Incidents.Application.Features.Evidence;

/// <summary><c>Attachments:MaxBytes</c>: the largest file accepted as evidence (default 20 MiB).</summary>
public sealed class AttachmentSettings
{
    public long MaxBytes { get; init; } = Domain.Evidence.Attachment.DefaultMaxBytes;

    /// <summary>The limit in words, for error messages ("20 MB").</summary>
    public string MaxInWords => MaxBytes >= 1024 * 1024
        ? $"{MaxBytes / (1024.0 * 1024):0.#} MB"
        : $"{Math.Max(1, MaxBytes / 1024)} KB";
}
