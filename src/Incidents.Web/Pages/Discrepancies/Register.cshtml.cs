using Incidents.Application.Features.Discrepancies;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Discrepancies;

/// <summary>An agreement's register of discrepancies, with counts by state.</summary>
public sealed class RegisterModel(ISender sender) : AppPageModel
{
    public DiscrepancyRegister Register { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Register = await sender.Send(new DiscrepancyRegisterQuery(id), ct);

        return Page();
    }
}
