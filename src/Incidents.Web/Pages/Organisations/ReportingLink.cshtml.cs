using Incidents.Application.Features.ReportingLinks;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Organisations;

/// <summary>An organisation's reporting link, for an administrator: the address to hand out, make a new one (the old
/// one stops working), turn it off or on. Each button sends one command; the rule (admins only) is the application's.</summary>
public sealed class ReportingLinkModel(ISender sender) : AppPageModel
{
    public ReportingLinkView Link { get; private set; } = null!;

    [TempData]
    public string? Done { get; set; }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        RunAsync(async () => Link = await sender.Send(new GetReportingLinkQuery(id), ct), null);

    public Task<IActionResult> OnPostRotateAsync(Guid id, CancellationToken ct) =>
        RunAsync(async () => Link = await sender.Send(new RotateReportingLinkCommand(id), ct), "There is a new reporting link. The old one no longer works.");

    public Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct) =>
        RunAsync(async () => Link = await sender.Send(new SetReportingLinkEnabledCommand(id, false), ct), "The reporting link is turned off. Anyone who opens it is told the page is not found.");

    public Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct) =>
        RunAsync(async () => Link = await sender.Send(new SetReportingLinkEnabledCommand(id, true), ct), "The reporting link is turned on again.");

    private async Task<IActionResult> RunAsync(Func<Task> send, string? done)
    {
        await send();
        if (done is null)
        {
            return Page();
        }

        Done = done;
        return Redirect($"/organisations/{Link.OrganisationId}/reporting-link");
    }
}
