using Incidents.Application.Common.Security;
using Incidents.Application.Features.Webhooks;
using Incidents.Domain.Webhooks;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Webhooks;

/// <summary>The webhook endpoints with their recent deliveries (administrators): disable, enable or delete one. Each
/// button sends one command; the rule (admins only) is the command's.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(ISender sender) : AppPageModel
{
    public IReadOnlyList<WebhookView> Endpoints { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Endpoints = await sender.Send(new ListWebhooksQuery(RecentDeliveries: 10), ct);

    public Task<IActionResult> OnPostDisableAsync(Guid endpointId, CancellationToken ct) =>
        RunAsync(() => sender.Send(new SetWebhookActiveCommand(endpointId, false), ct), "The endpoint is disabled: nothing more is sent to it, and deliveries still owed are not sent.");

    public Task<IActionResult> OnPostEnableAsync(Guid endpointId, CancellationToken ct) =>
        RunAsync(() => sender.Send(new SetWebhookActiveCommand(endpointId, true), ct), "The endpoint is enabled again.");

    public Task<IActionResult> OnPostDeleteAsync(Guid endpointId, CancellationToken ct) =>
        RunAsync(() => sender.Send(new DeleteWebhookCommand(endpointId), ct), "The endpoint and its delivery history are deleted.");

    private async Task<IActionResult> RunAsync(Func<ValueTask<Guid>> send, string done)
    {
        await send();
        Done = done;
        return Redirect("/webhooks");
    }

    public static string Describe(WebhookDeliveryView d) => d.Status switch
    {
        WebhookDeliveryStatus.Delivered => $"Delivered ({Attempts(d.Attempts)}, answer {d.LastStatusCode})",
        WebhookDeliveryStatus.Pending when d.Attempts == 0 => "Waiting to be sent",
        WebhookDeliveryStatus.Pending => $"Will try again ({Attempts(d.Attempts)} so far)",
        WebhookDeliveryStatus.Sending => "Being sent",
        WebhookDeliveryStatus.Failed => $"Failed after {Attempts(d.Attempts)}",
        WebhookDeliveryStatus.Skipped => "Not sent: the endpoint was disabled",
        _ => "Unknown",
    };

    private static string Attempts(int n) => n == 1 ? "1 attempt" : $"{n} attempts";
}
