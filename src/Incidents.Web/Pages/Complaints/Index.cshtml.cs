using Incidents.Application.Features.Complaints;
using Mediator;

namespace Incidents.Web.Pages.Complaints;

/// <summary>The complaints the signed-in user may see: those awaiting acknowledgement first, soonest deadline first.</summary>
public sealed class IndexModel(ISender sender) : AppPageModel
{
    public IReadOnlyList<ComplaintSummary> Complaints { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Complaints = await sender.Send(new ListComplaintsQuery(), ct);
}
