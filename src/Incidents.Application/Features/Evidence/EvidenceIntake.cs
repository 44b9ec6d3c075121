using FluentValidation;
using FluentValidation.Results;
using Incidents.Domain.Evidence;

namespace Incidents.Application.Features.Evidence;

/// <summary>A file sent as evidence, on an incident or on a suspension: the name and length the client declared, and
/// the bytes. One set of rules (<see cref="EvidenceUploadValidator{T}"/>, <see cref="EvidenceIntake"/>) for both.</summary>
public interface IEvidenceUpload
{
    string? FileName { get; }

    /// <summary>The length the client declared (checked again against the bytes read).</summary>
    long Size { get; }

    Stream? File { get; }
}

/// <summary>The declared size against <c>Attachments:MaxBytes</c>, before anything is read. Errors are on <c>File</c>.</summary>
public abstract class EvidenceUploadValidator<T> : AbstractValidator<T>
    where T : IEvidenceUpload
{
    protected EvidenceUploadValidator(AttachmentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.File).NotNull().WithMessage("Select a file.").OverridePropertyName("File");
        RuleFor(c => c.Size)
            .GreaterThan(0).WithMessage("The selected file is empty.")
            .LessThanOrEqualTo(settings.MaxBytes).WithMessage($"The selected file must be smaller than {settings.MaxInWords}.")
            .OverridePropertyName("File")
            .When(c => c.File is not null);
    }
}

/// <summary>Reads an upload within the size limit and decides its type by content: the one place the evidence rules
/// are applied, for every kind of attachment.</summary>
public static class EvidenceIntake
{
    /// <summary>The bytes and their type; a <see cref="ValidationException"/> on <c>File</c> for an empty file, one over
    /// the limit (whatever size was declared), or a type not accepted.</summary>
    public static async Task<(byte[] Content, EvidenceType Type)> ReceiveAsync(IEvidenceUpload upload, AttachmentSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(settings);
        var content = await ReadAsync(upload.File ?? throw Invalid("Select a file."), settings, cancellationToken);
        var type = EvidenceTypes.Detect(content, upload.FileName) ?? throw Invalid(EvidenceTypes.Refusal);
        return (content, type);
    }

    /// <summary>Reads at most <c>MaxBytes</c>; more is the same error as a declared size over the limit.</summary>
    private static async Task<byte[]> ReadAsync(Stream file, AttachmentSettings settings, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > settings.MaxBytes)
            {
                throw Invalid($"The selected file must be smaller than {settings.MaxInWords}.");
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            throw Invalid("The selected file is empty.");
        }

        return buffer.ToArray();
    }

    private static ValidationException Invalid(string message) => new([new ValidationFailure("File", message)]);
}
