using FluentValidation;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Triage;

/// <summary>The DPO's queue, most urgent first, filtered by a GET form (works without JavaScript).</summary>
[Authorize(Roles = Roles.DpoOrAdmin)]
public sealed class IndexModel(ISender sender) : AppPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Overdue { get; set; }

    public PagedList<TriageQueueItem> Queue { get; private set; } = new([], 1, 50, 0);

    // Complaints (issue 12): the partial Pages/Complaints/_QueueComplaints.cshtml.
    public Incidents.Application.Features.Complaints.ComplaintClocks? Complaints { get; private set; }
    /// <summary>Open data discrepancies, soonest due first (the _QueueDiscrepancies partial).</summary>
    public Incidents.Application.Features.Discrepancies.DiscrepancyOverview Discrepancies { get; private set; } = new(0, 0, []);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var query = new TriageQueueQuery(
            Enum.TryParse<IncidentStatus>(Status, out var s) && Enum.IsDefined(s) ? s : null,
            Enum.TryParse<IncidentKind>(Kind, out var k) && Enum.IsDefined(k) ? k : null,
            null,
            Overdue switch { "yes" => true, "no" => false, _ => null },
            1,
            200);
        try
        {
            Queue = await sender.Send(query, ct);
        }
        catch (ValidationException)
        {
            Queue = await sender.Send(new TriageQueueQuery(PageSize: 200), ct);
        }

        // Complaints (issue 12).
        Complaints = await sender.Send(new Incidents.Application.Features.Complaints.ComplaintClocksQuery(), ct);
        Discrepancies = await sender.Send(new Incidents.Application.Features.Discrepancies.DiscrepancyOverviewQuery(20), ct);
        return Page();
    }
}
