using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Evidence;
using Incidents.Domain.Agreements;
using Incidents.Domain.Evidence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Agreements;

/// <summary>Clause 10: attach a file of evidence of the serious breach to a suspension of the agreement. The same rules
/// as evidence on an incident (<see cref="EvidenceIntake"/>: size limit, type by content, SHA-256); audited in the
/// agreement's audit chain. SIL's DPO or a designated officer of a party to the agreement, on any of its suspensions.</summary>
[RequiresRole(Roles.Dpo, Roles.DesignatedOfficer, Message = "Only SIL's DPO or a designated officer of a party to this agreement may add evidence to its suspensions.")]
public sealed record UploadSuspensionAttachmentCommand(Guid AgreementId, Guid SuspensionId, string? FileName, long Size, Stream? File)
    : IRequest<AttachmentView>, IEvidenceUpload;

/// <summary>A suspension's evidence files, oldest first. For those who may see the suspension's reasons and evidence
/// (<see cref="AgreementAccess.MaySeeSuspensionDetails"/>); 404 for everyone else.</summary>
[RequiresSignIn]
public sealed record ListSuspensionAttachmentsQuery(Guid AgreementId, Guid SuspensionId) : IRequest<SuspensionEvidence>;

/// <summary>One of a suspension's evidence files, for download; 404 unless the caller may see the suspension's evidence.</summary>
[RequiresSignIn]
public sealed record GetSuspensionAttachmentQuery(Guid AgreementId, Guid SuspensionId, Guid AttachmentId) : IRequest<AttachmentFile>;

/// <summary>The files, and whether the caller may add to them (for the page).</summary>
public sealed record SuspensionEvidence(Guid AgreementId, Guid SuspensionId, string AgreementName, DateTimeOffset StartsAt, string EndsAtLocal,
    SuspensionStatus Status, bool MayAdd, IReadOnlyList<AttachmentView> Attachments);

public sealed class UploadSuspensionAttachmentValidator(AttachmentSettings settings) : EvidenceUploadValidator<UploadSuspensionAttachmentCommand>(settings);

public sealed class UploadSuspensionAttachmentHandler(IIncidentsDb db, ICurrentUser user, IAuditTrail audit, AttachmentSettings settings, TimeProvider time)
    : IRequestHandler<UploadSuspensionAttachmentCommand, AttachmentView>
{
    public async ValueTask<AttachmentView> Handle(UploadSuspensionAttachmentCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        // An agreement or suspension the caller may not see is a 404 before anything about the file is said.
        var (agreement, suspension) = await SuspensionEvidenceAccess.FindAsync(db, user, c.AgreementId, c.SuspensionId, cancellationToken);
        if (SuspensionRules.ActingPartyOrNull(user, agreement) is null)
        {
            throw new ForbiddenException("Only SIL's DPO or a designated officer of a party to this agreement may add evidence to its suspensions.");
        }

        var (content, type) = await EvidenceIntake.ReceiveAsync(c, settings, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = time.GetUtcNow();
        var attachment = Attachment.ForSuspension(Guid.CreateVersion7(now), suspension.Id, c.FileName ?? "evidence", type, content, user.UserId, user.DisplayName, now);
        db.Attachments.Add(attachment);
        await audit.AppendForAgreementAsync(agreement.Id, "SuspensionAttachmentAdded", null,
            new { SuspensionId = suspension.Id, attachment.Id, attachment.FileName, attachment.Type, attachment.Size, attachment.Sha256 }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return attachment.ToView();
    }
}

public sealed class ListSuspensionAttachmentsHandler(IIncidentsDb db, ICurrentUser user) : IRequestHandler<ListSuspensionAttachmentsQuery, SuspensionEvidence>
{
    public async ValueTask<SuspensionEvidence> Handle(ListSuspensionAttachmentsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (agreement, suspension) = await SuspensionEvidenceAccess.FindAsync(db, user, query.AgreementId, query.SuspensionId, cancellationToken);
        var school = await db.Organisations.AsNoTracking().Where(o => o.Id == agreement.SchoolOrganisationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken);
        var files = await db.Attachments.AsNoTracking()
            .Where(a => a.SuspensionId == suspension.Id)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new AttachmentView(a.Id, a.FileName, a.Size, a.Sha256, a.Type, a.ContentType, a.UploadedAt, a.UploadedByName))
            .ToListAsync(cancellationToken);
        var mayAdd = Access.Allows<UploadSuspensionAttachmentCommand>(user) && SuspensionRules.ActingPartyOrNull(user, agreement) is not null;
        return new SuspensionEvidence(agreement.Id, suspension.Id, school ?? string.Empty, suspension.StartsAt, Domain.Common.LondonTime.Format(suspension.EndsAt),
            suspension.Status, mayAdd, files);
    }
}

public sealed class GetSuspensionAttachmentHandler(IIncidentsDb db, ICurrentUser user) : IRequestHandler<GetSuspensionAttachmentQuery, AttachmentFile>
{
    public async ValueTask<AttachmentFile> Handle(GetSuspensionAttachmentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (_, suspension) = await SuspensionEvidenceAccess.FindAsync(db, user, query.AgreementId, query.SuspensionId, cancellationToken);
        return await db.Attachments.AsNoTracking()
            .Where(a => a.Id == query.AttachmentId && a.SuspensionId == suspension.Id)
            .Select(a => new AttachmentFile(a.FileName, a.ContentType, a.Sha256, a.Content))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("There is no attachment with that id that you may see.");
    }
}

internal static class SuspensionEvidenceAccess
{
    /// <summary>The agreement and its suspension, when the caller may see the agreement and the suspension's evidence
    /// (the parties' designated officers, SIL's DPO and administrators); a 404 otherwise, so other staff cannot tell
    /// evidence exists.</summary>
    public static async Task<(Domain.Organisations.Agreement Agreement, Suspension Suspension)> FindAsync(
        IIncidentsDb db, ICurrentUser user, Guid agreementId, Guid suspensionId, CancellationToken cancellationToken)
    {
        var visible = await AgreementAccess.VisibleToAsync(db, user, cancellationToken);
        var agreement = await visible.SingleOrDefaultAsync(a => a.Id == agreementId, cancellationToken);
        if (agreement is null || !AgreementAccess.MaySeeSuspensionDetails(user, agreement))
        {
            throw new NotFoundException("There is no suspension with that id whose evidence you may see.");
        }

        var suspension = await db.Suspensions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == suspensionId && s.AgreementId == agreementId, cancellationToken)
            ?? throw new NotFoundException("There is no suspension with that id whose evidence you may see.");
        return (agreement, suspension);
    }
}
