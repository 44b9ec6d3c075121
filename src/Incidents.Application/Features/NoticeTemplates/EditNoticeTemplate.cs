using FluentValidation;
using FluentValidation.Results;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.NoticeTemplates;

/// <summary>The DPO saves a new version of a notice type's template. It must parse and name only the type's merge
/// fields; otherwise a 400 says where (line and column). Notices already sent keep the version that wrote them.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Only SIL's DPO and administrators may change notice templates.")]
public sealed record EditNoticeTemplateCommand(string? Subject, string? Body) : IRequest<NoticeTemplateView>
{
    public NotificationType Type { get; init; }
}

public sealed class EditNoticeTemplateHandler(IIncidentsDb db, ICurrentUser user, IAuditTrail audit, TimeProvider time)
    : IRequestHandler<EditNoticeTemplateCommand, NoticeTemplateView>
{
    public async ValueTask<NoticeTemplateView> Handle(EditNoticeTemplateCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = NoticeRenderer.Validate(command.Subject, command.Body, NoticeFields.Sample(command.Type));
        if (errors.Count > 0)
        {
            throw new ValidationException(errors.Select(e => new ValidationFailure(e.Field, e.ToString()) { CustomState = e }));
        }

        var subject = command.Subject!.Trim();
        var body = command.Body!.Replace("\r\n", "\n", StringComparison.Ordinal);
        return await NoticeTemplateVersions.AddAsync(db, user, audit, time, command.Type, subject, body, "NoticeTemplateEdited", cancellationToken);
    }
}

/// <summary>Puts a notice type back to the shipped default, as a new version (the edits before it are kept).</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Only SIL's DPO and administrators may change notice templates.")]
public sealed record RevertNoticeTemplateCommand(NotificationType Type) : IRequest<NoticeTemplateView>;

public sealed class RevertNoticeTemplateHandler(IIncidentsDb db, ICurrentUser user, IAuditTrail audit, TimeProvider time)
    : IRequestHandler<RevertNoticeTemplateCommand, NoticeTemplateView>
{
    public async ValueTask<NoticeTemplateView> Handle(RevertNoticeTemplateCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await NoticeTemplateVersions.AddAsync(db, user, audit, time, command.Type, null, null, "NoticeTemplateReverted", cancellationToken);
    }
}

/// <summary>The one path that adds a template version: next number, audited with before and after, in one transaction.</summary>
internal static class NoticeTemplateVersions
{
    public static async Task<NoticeTemplateView> AddAsync(
        IIncidentsDb db, ICurrentUser user, IAuditTrail audit, TimeProvider time, NotificationType type, string? subject, string? body, string action, CancellationToken cancellationToken)
    {
        var store = new NoticeTemplateStore(db);
        var now = time.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var before = await store.CurrentAsync(type, cancellationToken);
            var row = new NoticeTemplate(Guid.CreateVersion7(now), type, before.Version + 1, subject, body, user.DisplayName, now);
            db.NoticeTemplates.Add(row);
            await audit.AppendAsync(null, action,
                new { Type = type, before.Version, before.Subject, before.Body, before.IsDefault },
                new { Type = type, row.Version, Subject = subject, Body = body, row.IsDefault }, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                throw new Common.Exceptions.ConflictException("Someone else saved this template first. Reload it and make your change again.");
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return NoticeTemplateView.From(await store.CurrentAsync(type, cancellationToken));
    }
}
