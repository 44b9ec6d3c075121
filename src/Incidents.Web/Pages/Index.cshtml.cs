using System.Globalization;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Dashboard;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages;

/// <summary>The start. For the DPO and admins, a dashboard: open incidents by status and by kind, how many are overdue
/// on the ICO clock, and the incidents reported in each of the last 12 months (London calendar months). Everyone else
/// goes to their incidents.</summary>
public sealed class IndexModel(ISender sender, ICurrentUser user) : AppPageModel
{
    public const int Months = 12;

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public IReadOnlyList<(IncidentStatus Status, int Count)> ByStatus { get; private set; } = [];

    public IReadOnlyList<(IncidentKind Kind, int Count)> ByKind { get; private set; } = [];

    public int OpenCount { get; private set; }

    public int OverdueCount { get; private set; }

    public IReadOnlyList<MonthBar> ByMonth { get; private set; } = [];

    public int ReportedInPeriod => ByMonth.Sum(m => m.Count);

    /// <summary>The items that need attention: next ICO deadlines, overdue actions, suspensions ending soon.</summary>
    public DashboardView Dashboard { get; private set; } = null!;

    /// <summary>Is email getting out (the banner above the figures)?</summary>
    public EmailStatus? Email { get; private set; }

    // Complaints (issue 12): the partial Pages/Complaints/_DashboardComplaints.cshtml.
    public Incidents.Application.Features.Complaints.ComplaintClocks? Complaints { get; private set; }
    /// <summary>Data discrepancies: open and overdue (the _DashboardDiscrepancies partial).</summary>
    public Incidents.Application.Features.Discrepancies.DiscrepancyOverview Discrepancies { get; private set; } = new(0, 0, []);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // Everyone the dashboard's declaration does not admit (all but the DPO and administrators) starts at their incidents.
        if (!Access.Allows<DashboardQuery>(user))
        {
            return Redirect("/incidents");
        }

        var dashboard = await sender.Send(new DashboardQuery(Months), ct);

        Dashboard = dashboard;
        OpenCount = dashboard.OpenCount;
        OverdueCount = dashboard.OverdueCount;
        ByStatus = dashboard.ByStatus;
        ByKind = dashboard.ByKind;
        Email = await sender.Send(new EmailStatusQuery(), ct);
        // Complaints (issue 12).
        Complaints = await sender.Send(new Incidents.Application.Features.Complaints.ComplaintClocksQuery(), ct);
        Discrepancies = await sender.Send(new Incidents.Application.Features.Discrepancies.DiscrepancyOverviewQuery(), ct);
        var max = dashboard.ByMonth.Select(m => m.Count).DefaultIfEmpty(0).Max();
        ByMonth = dashboard.ByMonth
            .Select(m => new MonthBar(m.Month.ToString("MMM yyyy", EnGb), m.Month.ToString("MMMM yyyy", EnGb), m.Count, WidthStep(m.Count, max)))
            .ToList();
        return Page();
    }

    /// <summary>The bar's width as a percentage in steps of 5 (the CSS classes app-bar--w0 … app-bar--w100); a month
    /// with any incidents shows at least a sliver.</summary>
    public static int WidthStep(int count, int max)
    {
        if (count <= 0 || max <= 0)
        {
            return 0;
        }

        var step = (int)Math.Round(count * 20.0 / max, MidpointRounding.AwayFromZero) * 5;
        return Math.Clamp(step, 5, 100);
    }

    public sealed record MonthBar(string ShortLabel, string LongLabel, int Count, int Width);
}
