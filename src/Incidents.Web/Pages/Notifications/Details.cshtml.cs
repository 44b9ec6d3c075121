using Incidents.Application.Common.Security;
using Incidents.Application.Features.Notifications;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Notifications;

/// <summary>One notice: where it went, why it failed, and (once the contact is corrected) resend it.</summary>
[Authorize(Roles = Roles.DpoOrAdmin)]
public sealed class DetailsModel(ISender sender) : AppPageModel
{
    public NotificationDetails Notice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Notice = await sender.Send(new GetNotificationQuery(id), ct);

        return Page();
    }

    public Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken ct)
    {
        var resentId = Guid.Empty;
        return SendAsync(new FormFields(string.Empty).ConflictShownAsIs(), [],
            async () => resentId = (await sender.Send(new ResendNotificationCommand(id), ct)).Id,
            () => Redirect($"/notifications/{resentId}"),
            async () =>
            {
                Notice = await sender.Send(new GetNotificationQuery(id), ct);
                return null;
            });
    }
}
