using Incidents.Application.Common.Security;
using Incidents.Application.Features.Webhooks;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Webhooks;

/// <summary>One endpoint's delivery history, newest first (the query the API's /api/webhooks/{id}/deliveries sends).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class DeliveriesModel(ISender sender) : AppPageModel
{
    public IReadOnlyList<WebhookDeliveryView> Deliveries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Deliveries = await sender.Send(new GetWebhookDeliveriesQuery(id), ct);
        return Page();
    }
}
