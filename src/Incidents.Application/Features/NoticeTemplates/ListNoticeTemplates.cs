using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Notifications;
using Mediator;

namespace Incidents.Application.Features.NoticeTemplates;

/// <summary>Every notice type with its current subject and body, its version, and the merge fields it may use.</summary>
public sealed record ListNoticeTemplatesQuery : IRequest<IReadOnlyList<NoticeTemplateView>>;

public sealed record NoticeTemplateView(
    NotificationType Type,
    string Name,
    int Version,
    string Subject,
    string Body,
    bool IsDefault,
    string? EditedBy,
    DateTimeOffset? EditedAt,
    IReadOnlyList<string> Fields)
{
    public static NoticeTemplateView From(CurrentTemplate t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(t.Type, NoticeFields.Describe(t.Type), t.Version, t.Subject, t.Body, t.IsDefault, t.EditedBy, t.EditedAt, NoticeFields.Names(NoticeFields.Sample(t.Type)));
    }
}

public sealed class ListNoticeTemplatesHandler(IIncidentsDb db, ICurrentUser user) : IRequestHandler<ListNoticeTemplatesQuery, IReadOnlyList<NoticeTemplateView>>
{
    public async ValueTask<IReadOnlyList<NoticeTemplateView>> Handle(ListNoticeTemplatesQuery query, CancellationToken cancellationToken)
    {
        TemplateEditors.Require(user);
        var all = await new NoticeTemplateStore(db).AllAsync(cancellationToken);
        return all.Select(NoticeTemplateView.From).ToList();
    }
}

/// <summary>Who may read and change the notice templates: SIL's DPO and administrators.</summary>
internal static class TemplateEditors
{
    public static void Require(ICurrentUser user)
    {
        if (!user.IsInRole(Roles.Dpo) && !user.IsInRole(Roles.Admin))
        {
            throw new ForbiddenException("Only SIL's DPO and administrators may change notice templates.");
        }
    }
}
