using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Notifications;
using Mediator;

namespace Incidents.Application.Features.NoticeTemplates;

/// <summary>Every notice type with its current subject and body, its version, and the merge fields it may use.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Only SIL's DPO and administrators may see notice templates.")]
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

public sealed class ListNoticeTemplatesHandler(IIncidentsDb db) : IRequestHandler<ListNoticeTemplatesQuery, IReadOnlyList<NoticeTemplateView>>
{
    public async ValueTask<IReadOnlyList<NoticeTemplateView>> Handle(ListNoticeTemplatesQuery query, CancellationToken cancellationToken)
    {
        var all = await new NoticeTemplateStore(db).AllAsync(cancellationToken);
        return all.Select(NoticeTemplateView.From).ToList();
    }
}

