using Incidents.Application.Features.Register;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>The printable case report of one incident (A4 print stylesheet in app.css).</summary>
public sealed class CaseReportModel(ISender sender) : AppPageModel
{
    public CaseReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Report = await sender.Send(new GetCaseReportQuery(id), ct);

        return Page();
    }
}
