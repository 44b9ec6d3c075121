using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Retention;
using Incidents.Web.Forms;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Retention;

/// <summary>The DPO's decision on one record: keep it until a later date with the reason, or delete its personal data.</summary>
[Authorize(Roles = Roles.Dpo)]
public sealed class ReviewModel(ISender sender) : AppPageModel
{
    public RetentionDueItem Item { get; private set; } = null!;

    [BindProperty]
    public RetentionAction? Decision { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>"Keep until": the one GOV.UK date input (day, month as a number or a name, year).</summary>
    [BindProperty]
    public string? UntilDay { get; set; }

    [BindProperty]
    public string? UntilMonth { get; set; }

    [BindProperty]
    public string? UntilYear { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Item = await FindAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Item = await FindAsync(id, ct);
        var until = Decision == RetentionAction.Extend ? GovUkDate.ReadDate(UntilDay, UntilMonth, UntilYear, "The date to keep it until") : null;
        var form = new FormFields(string.Empty).Field("Action", nameof(Decision)).Field("Until", "UntilDay").Field("Reason", nameof(Reason));
        return await SendAsync(form, until?.Error is { } error ? [("UntilDay", error)] : [],
            () => sender.Send(new DecideRetentionCommand(id, Decision, Reason, until is null ? null : GovUkDate.InLondon(until)), ct).AsTask(),
            () => Redirect(Decision == RetentionAction.Delete ? "/retention?done=deleted" : "/retention?done=extended"),
            () => Task.FromResult<IActionResult?>(null));
    }

    /// <summary>The record due for review, or a 404 (the page of a record not due is not found).</summary>
    private async Task<RetentionDueItem> FindAsync(Guid id, CancellationToken ct) =>
        (await sender.Send(new ListRetentionDueQuery(), ct)).FirstOrDefault(d => d.IncidentId == id) ?? throw new NotFoundException("No record due for review has this id.");
}
