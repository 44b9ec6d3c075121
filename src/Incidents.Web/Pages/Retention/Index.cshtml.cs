using Incidents.Application.Common.Security;
using Incidents.Application.Features.Retention;
using Mediator;
using Microsoft.AspNetCore.Authorization;

namespace Incidents.Web.Pages.Retention;

/// <summary>Clause 9.5: the records past their retention date, for SIL's DPO to review.</summary>
[Authorize(Roles = Roles.Dpo)]
public sealed class IndexModel(ISender sender) : AppPageModel
{
    public IReadOnlyList<RetentionDueItem> Due { get; private set; } = [];

    public string? Done { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken ct)
    {
        Due = await sender.Send(new ListRetentionDueQuery(), ct);
        Done = done switch
        {
            "extended" => "The record is kept until the new date.",
            "deleted" => "The record's personal data was deleted. Its reference, dates, kind and decision are kept.",
            _ => null,
        };
    }
}
