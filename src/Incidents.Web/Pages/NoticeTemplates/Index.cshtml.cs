using Incidents.Application.Common.Security;
using Incidents.Application.Features.NoticeTemplates;
using Mediator;
using Microsoft.AspNetCore.Authorization;

namespace Incidents.Web.Pages.NoticeTemplates;

/// <summary>Every notice type and the version of its template in use.</summary>
[Authorize(Roles = Roles.DpoOrAdmin)]
public sealed class IndexModel(ISender sender) : AppPageModel
{
    public IReadOnlyList<NoticeTemplateView> Templates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Templates = await sender.Send(new ListNoticeTemplatesQuery(), ct);
}
