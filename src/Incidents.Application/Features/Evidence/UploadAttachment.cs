using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Evidence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Evidence;

/// <summary>Attach a file of evidence to an incident. Anyone who may see the incident may add evidence to it; the
/// type is decided by the content, the SHA-256 computed here, and the upload is an entry in the incident's audit
/// trail (who, when, name, size, hash).</summary>
/// <param name="Size">The length the client declared (checked again against the bytes read).</param>
[RequiresSignIn]
public sealed record UploadAttachmentCommand(Guid IncidentId, string? FileName, long Size, Stream? File) : IRequest<AttachmentView>, IEvidenceUpload;

public sealed class UploadAttachmentValidator(AttachmentSettings settings) : EvidenceUploadValidator<UploadAttachmentCommand>(settings);

public sealed class UploadAttachmentHandler(IIncidentsDb db, ICurrentUser user, IncidentEditor editor, AttachmentSettings settings)
    : IRequestHandler<UploadAttachmentCommand, AttachmentView>
{
    public async ValueTask<AttachmentView> Handle(UploadAttachmentCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        // Another school's incident is a 404 before anything about the file is said.
        if (!await db.Incidents.VisibleTo(user).AnyAsync(i => i.Id == c.IncidentId, cancellationToken))
        {
            throw new NotFoundException("There is no incident with that id that you may see.");
        }

        var (content, type) = await EvidenceIntake.ReceiveAsync(c, settings, cancellationToken);

        Attachment? attachment = null;
        await editor.ChangeAsync(c.IncidentId, expectedVersion: null, (incident, now) =>
        {
            attachment = new Attachment(Guid.CreateVersion7(now), incident.Id, c.FileName ?? "evidence", type, content, user.UserId, user.DisplayName, now);
            db.Attachments.Add(attachment);
            return Task.FromResult(new IncidentEditor.Change("AttachmentAdded", null,
                new { attachment.Id, attachment.FileName, attachment.Type, attachment.Size, attachment.Sha256 }));
        }, cancellationToken);
        return attachment!.ToView();
    }
}

public static class AttachmentViews
{
    public static AttachmentView ToView(this Attachment a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new AttachmentView(a.Id, a.FileName, a.Size, a.Sha256, a.Type, a.ContentType, a.UploadedAt, a.UploadedByName);
    }
}
