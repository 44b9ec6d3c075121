using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Common;
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
        try
        {
            Notice = await sender.Send(new GetNotificationQuery(id), ct);
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostResendAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var resent = await sender.Send(new ResendNotificationCommand(id), ct);
            return Redirect($"/notifications/{resent.Id}");
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }
        catch (Exception ex) when (ex is DomainException or ConflictException)
        {
            AddError(string.Empty, ex.Message);
            Notice = await sender.Send(new GetNotificationQuery(id), ct);
            return Page();
        }
    }
}
