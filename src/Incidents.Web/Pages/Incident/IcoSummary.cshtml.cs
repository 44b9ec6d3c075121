using Incidents.Application.Features.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>The record in the order of the ICO's breach report form, with what is still missing; prints on A4 (the
/// print stylesheet in app.css, as the case report).</summary>
public sealed class IcoSummaryModel(ISender sender) : AppPageModel
{
    public IcoSummary Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Summary = await sender.Send(new GetIcoSummaryQuery(id), ct);

        return Page();
    }
}
