using System.Globalization;
using FluentValidation;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Retention;
using Incidents.Domain.Common;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Retention;

/// <summary>The DPO's decision on one record: keep it until a later date with the reason, or delete its personal data.</summary>
[Authorize(Roles = Roles.Dpo)]
public sealed class ReviewModel(ISender sender) : AppPageModel
{
    public RetentionDueItem? Item { get; private set; }

    [BindProperty]
    public RetentionAction? Decision { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Until { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Item = await FindAsync(id, ct);
        return Item is null ? NotFoundPage() : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Item = await FindAsync(id, ct);
        if (Item is null)
        {
            return NotFoundPage();
        }

        DateTimeOffset? until = null;
        if (Decision == RetentionAction.Extend && !string.IsNullOrWhiteSpace(Until))
        {
            if (!DateOnly.TryParseExact(Until.Trim(), ["d/M/yyyy", "d M yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                AddError(nameof(Until), "Enter the date as day/month/year, for example 1/9/2032.");
                return Page();
            }

            until = LondonTime.FromLondonWallClock(date.ToDateTime(TimeOnly.MinValue));
        }

        try
        {
            await sender.Send(new DecideRetentionCommand(id, Decision, Reason, until), ct);
            return Redirect(Decision == RetentionAction.Delete ? "/retention?done=deleted" : "/retention?done=extended");
        }
        catch (ValidationException ex)
        {
            AddErrors(ex, p => p switch { "Action" => nameof(Decision), "Reason" => nameof(Reason), "Until" => nameof(Until), _ => null });
        }
        catch (DomainException ex)
        {
            AddError(ex, f => f == "action" ? nameof(Decision) : null);
        }
        catch (NotFoundException)
        {
            return NotFoundPage();
        }

        return Page();
    }

    private async Task<RetentionDueItem?> FindAsync(Guid id, CancellationToken ct) =>
        (await sender.Send(new ListRetentionDueQuery(), ct)).FirstOrDefault(d => d.IncidentId == id);
}
