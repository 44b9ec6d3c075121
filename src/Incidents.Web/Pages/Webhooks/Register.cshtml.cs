using Incidents.Application.Common.Security;
using Incidents.Application.Features.Webhooks;
using Incidents.Domain.Webhooks;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Webhooks;

/// <summary>Register a data-transfer system's endpoint: address, events (checkboxes), optional description and secret.
/// Sends <see cref="RegisterWebhookCommand"/>, the API's command; on success the page shows the secret once (it is not
/// kept anywhere it could be shown again).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class RegisterModel(ISender sender) : AppPageModel
{
    [BindProperty]
    public string? Address { get; set; }

    [BindProperty]
    public string? Description { get; set; }

    [BindProperty]
    public List<string> Events { get; set; } = [];

    [BindProperty]
    public string? Secret { get; set; }

    /// <summary>Set once the endpoint is registered: the page then shows its secret, once.</summary>
    public RegisteredWebhook? Registered { get; private set; }

    public static IReadOnlyList<string> AllEvents => WebhookEvents.All;

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var form = new FormFields(string.Empty)
            .Field("Url", nameof(Address))
            .Field("Events", nameof(Events))
            .Field("Description", nameof(Description))
            .Field("Secret", nameof(Secret));
        return SendAsync(form, [],
            async () => Registered = await sender.Send(new RegisterWebhookCommand(Address?.Trim(), Events, string.IsNullOrWhiteSpace(Secret) ? null : Secret.Trim(),
                string.IsNullOrWhiteSpace(Description) ? null : Description), ct),
            Page,
            () => Task.FromResult<IActionResult?>(null));
    }
}
