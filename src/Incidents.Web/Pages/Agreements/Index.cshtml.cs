using Incidents.Application.Features.Agreements;
using Mediator;

namespace Incidents.Web.Pages.Agreements;

/// <summary>The information sharing agreements the user may see, with their status and review date.</summary>
public sealed class IndexModel(ISender sender) : AppPageModel
{
    public IReadOnlyList<AgreementSummary> Agreements { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Agreements = await sender.Send(new ListAgreementsQuery(), ct);
}
