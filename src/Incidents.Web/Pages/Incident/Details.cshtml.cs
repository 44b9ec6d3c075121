using Incidents.Application.Features.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>One incident as a GOV.UK task list: the ICO clock, the tasks (each with its status and, for the user who may
/// do it, a link to its own page), then the record in summary lists (what was reported, who was told, assessment,
/// decision, filings, notices, actions, evidence, audit trail). The page only shows: the workspace query decides.</summary>
public sealed class DetailsModel(ISender sender) : IncidentPageModel(sender)
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, null, ct) ?? Page();
}
