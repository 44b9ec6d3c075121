using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Evidence;

/// <summary>An incident's evidence, oldest first (404 for an incident the caller may not see).</summary>
[RequiresSignIn]
public sealed record ListAttachmentsQuery(Guid IncidentId) : IRequest<IReadOnlyList<AttachmentView>>;

/// <summary>One attachment's bytes, for download. 404 unless the caller may see its incident.</summary>
[RequiresSignIn]
public sealed record GetAttachmentQuery(Guid IncidentId, Guid AttachmentId) : IRequest<AttachmentFile>;

public sealed class ListAttachmentsHandler(IIncidentsDb db, ICurrentUser user) : IRequestHandler<ListAttachmentsQuery, IReadOnlyList<AttachmentView>>
{
    public async ValueTask<IReadOnlyList<AttachmentView>> Handle(ListAttachmentsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!await db.Incidents.VisibleTo(user).AnyAsync(i => i.Id == query.IncidentId, cancellationToken))
        {
            throw new NotFoundException("There is no incident with that id that you may see.");
        }

        return await List(db, query.IncidentId, cancellationToken);
    }

    /// <summary>Without the bytes. For a caller who has already checked the incident may be seen.</summary>
    public static async Task<IReadOnlyList<AttachmentView>> List(IIncidentsDb db, Guid incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Attachments.AsNoTracking()
            .Where(a => a.IncidentId == incidentId)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new AttachmentView(a.Id, a.FileName, a.Size, a.Sha256, a.Type, a.ContentType, a.UploadedAt, a.UploadedByName))
            .ToListAsync(cancellationToken);
    }
}

public sealed class GetAttachmentHandler(IIncidentsDb db, ICurrentUser user) : IRequestHandler<GetAttachmentQuery, AttachmentFile>
{
    public async ValueTask<AttachmentFile> Handle(GetAttachmentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var visible = db.Incidents.VisibleTo(user).Where(i => i.Id == query.IncidentId).Select(i => i.Id);
        return await db.Attachments.AsNoTracking()
            .Where(a => a.Id == query.AttachmentId && a.IncidentId == query.IncidentId && a.IncidentId != null && visible.Contains(a.IncidentId.Value))
            .Select(a => new AttachmentFile(a.FileName, a.ContentType, a.Sha256, a.Content))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("There is no attachment with that id that you may see.");
    }
}
