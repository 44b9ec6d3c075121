using FluentValidation;
using Incidents.Application.Features.Register;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Register;

/// <summary>The governors' summary of a period, with CSS bar charts and the same figures in tables.</summary>
public sealed class SummaryModel(ISender sender) : AppPageModel
{
    [BindProperty(SupportsGet = true)] public string? FromDay { get; set; }
    [BindProperty(SupportsGet = true)] public string? FromMonth { get; set; }
    [BindProperty(SupportsGet = true)] public string? FromYear { get; set; }
    [BindProperty(SupportsGet = true)] public string? ToDay { get; set; }
    [BindProperty(SupportsGet = true)] public string? ToMonth { get; set; }
    [BindProperty(SupportsGet = true)] public string? ToYear { get; set; }

    public GovernorsSummary Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var from = Date(FromDay, FromMonth, FromYear, "FromDay", "the start of the period");
        var to = Date(ToDay, ToMonth, ToYear, "ToDay", "the end of the period");
        try
        {
            Summary = await sender.Send(new GetGovernorsSummaryQuery(ModelState.IsValid ? from : null, ModelState.IsValid ? to : null), ct);
        }
        catch (ValidationException ex)
        {
            AddErrors(ex, field => field == "To" ? "ToDay" : string.Empty);
            Summary = await sender.Send(new GetGovernorsSummaryQuery(), ct);
        }

        return Page();
    }

    /// <summary>A bar's width class (steps of 5 %, as the dashboard), against the largest value.</summary>
    public static int Width(int value, int max) => max <= 0 ? 0 : (int)Math.Round(value * 20.0 / max) * 5;

    private DateOnly? Date(string? day, string? month, string? year, string key, string what)
    {
        if (string.IsNullOrWhiteSpace(day) && string.IsNullOrWhiteSpace(month) && string.IsNullOrWhiteSpace(year))
        {
            return null;
        }

        var date = ParseDate(day, month, year);
        if (date is null)
        {
            AddError(key, $"Enter a real date for {what}, for example 1 9 2026.");
        }

        return date;
    }
}
