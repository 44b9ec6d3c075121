using FluentValidation;
using Incidents.Application.Features.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>The incidents the user may see, newest first.</summary>
public sealed class IndexModel(ISender sender) : AppPageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PagedList<IncidentSummary> Incidents { get; private set; } = new([], 1, PageSize, 0);

    public int PageCount => Math.Max(1, (Incidents.TotalCount + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Incidents = await sender.Send(new ListIncidentsQuery(Math.Max(1, PageNumber), PageSize), ct);
        }
        catch (ValidationException)
        {
            Incidents = await sender.Send(new ListIncidentsQuery(1, PageSize), ct);
        }

        return Page();
    }
}
