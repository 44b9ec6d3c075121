using Incidents.Application.Features.Complaints;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Complaints;

/// <summary>The public form's confirmation: the reference (as sent in the address; it only shows, it reveals nothing).</summary>
[AllowAnonymous]
public sealed class SentModel(ISender sender) : AppPageModel
{
    [FromRoute]
    public string Organisation { get; set; } = string.Empty;

    [FromQuery]
    public string? Reference { get; set; }

    public string Name { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Reference is null || !PublicModel.ReferenceFormat().IsMatch(Reference))
        {
            return NotFoundPage();
        }

        Name = (await sender.Send(new PublicComplaintTargetQuery(Organisation), ct)).Name;

        return Page();
    }
}
