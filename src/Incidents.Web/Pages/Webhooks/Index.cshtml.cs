using Incidents.Application.Common.Security;
using Incidents.Application.Features.Webhooks;
using Incidents.Domain.Webhooks;
using Mediator;
using Microsoft.AspNetCore.Authorization;

namespace Incidents.Web.Pages.Webhooks;

/// <summary>The webhook endpoints with their recent deliveries (administrators).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(ISender sender) : AppPageModel
{
    public IReadOnlyList<WebhookView> Endpoints { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Endpoints = await sender.Send(new ListWebhooksQuery(RecentDeliveries: 10), ct);

    public static string Describe(WebhookDeliveryView d) => d.Status switch
    {
        WebhookDeliveryStatus.Delivered => $"Delivered ({Attempts(d.Attempts)}, answer {d.LastStatusCode})",
        WebhookDeliveryStatus.Pending when d.Attempts == 0 => "Waiting to be sent",
        WebhookDeliveryStatus.Pending => $"Will try again ({Attempts(d.Attempts)} so far)",
        WebhookDeliveryStatus.Sending => "Being sent",
        WebhookDeliveryStatus.Failed => $"Failed after {Attempts(d.Attempts)}",
        WebhookDeliveryStatus.Skipped => "Not sent: the endpoint was disabled",
        _ => d.Status.ToString(),
    };

    private static string Attempts(int n) => n == 1 ? "1 attempt" : $"{n} attempts";
}
