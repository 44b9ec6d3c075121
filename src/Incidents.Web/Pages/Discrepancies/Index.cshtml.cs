using Incidents.Application.Features.Discrepancies;
using Mediator;

namespace Incidents.Web.Pages.Discrepancies;

/// <summary>The discrepancies the user may see, newest first.</summary>
public sealed class IndexModel(ISender sender) : AppPageModel
{
    public IReadOnlyList<DiscrepancySummary> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Items = await sender.Send(new ListDiscrepanciesQuery(), ct);
}
