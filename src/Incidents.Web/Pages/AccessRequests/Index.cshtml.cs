using Incidents.Application.Common.Security;
using Incidents.Application.Features.AccessRequests;
using Incidents.Application.Common.Words;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.AccessRequests;

/// <summary>Access requests for an administrator: approve (the account is made and its owner invited) or decline. Each
/// button sends one <see cref="DecideAccessRequestCommand"/>.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(ISender sender) : AppPageModel
{
    public AccessRequestsView Requests { get; private set; } = new([], []);

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Requests = await sender.Send(new ListAccessRequestsQuery(), ct);

    public Task<IActionResult> OnPostApproveAsync(Guid requestId, CancellationToken ct) => DecideAsync(requestId, true, ct);

    public Task<IActionResult> OnPostDeclineAsync(Guid requestId, CancellationToken ct) => DecideAsync(requestId, false, ct);

    private Task<IActionResult> DecideAsync(Guid requestId, bool approve, CancellationToken ct) =>
        SendAsync(new FormFields(string.Empty), [],
            async () =>
            {
                var decision = await sender.Send(new DecideAccessRequestCommand(requestId, approve), ct);
                Done = approve
                    ? $"Approved: the account is made ({Words.OfRole(decision.Role)}) and its owner has been emailed a link to set a password."
                    : "Declined. No account was made.";
            },
            () => Redirect("/access-requests"),
            async () =>
            {
                Requests = await sender.Send(new ListAccessRequestsQuery(), ct);
                return null;
            });
}
