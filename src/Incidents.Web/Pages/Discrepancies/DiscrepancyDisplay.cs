using Incidents.Application.Features.Discrepancies;
using Incidents.Domain.Discrepancies;

namespace Incidents.Web.Pages.Discrepancies;

/// <summary>How a discrepancy's state looks on a page (the words come from the application's DiscrepancyText).</summary>
public static class DiscrepancyDisplay
{
    public static string TagClass(DiscrepancyStatus status) => status switch
    {
        DiscrepancyStatus.Open => "govuk-tag govuk-tag--yellow",
        DiscrepancyStatus.AwaitingConfirmation => "govuk-tag govuk-tag--blue",
        DiscrepancyStatus.Closed => "govuk-tag govuk-tag--green",
        _ => "govuk-tag",
    };
}

/// <summary>The model of the _Table partial.</summary>
public sealed record DiscrepancyTableModel(IReadOnlyList<DiscrepancySummary> Items, string Caption, bool ShowSchool);
