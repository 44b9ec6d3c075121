using System.Globalization;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Notifications;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Web.Pages;

/// <summary>The start. For the DPO and admins, a dashboard: open incidents by status and by kind, how many are overdue
/// on the ICO clock, and the incidents reported in each of the last 12 months (London calendar months). Everyone else
/// goes to their incidents.</summary>
public sealed class IndexModel(ICurrentUser user, IIncidentsDb db, ISender sender, TimeProvider time) : AppPageModel
{
    public const int Months = 12;

    private static readonly CultureInfo EnGb = CultureInfo.GetCultureInfo("en-GB");

    public IReadOnlyList<(IncidentStatus Status, int Count)> ByStatus { get; private set; } = [];

    public IReadOnlyList<(IncidentKind Kind, int Count)> ByKind { get; private set; } = [];

    public int OpenCount { get; private set; }

    public int OverdueCount { get; private set; }

    public IReadOnlyList<MonthBar> ByMonth { get; private set; } = [];

    public int ReportedInPeriod => ByMonth.Sum(m => m.Count);

    /// <summary>Is email getting out (the banner above the figures)?</summary>
    public EmailStatus? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Dpo) && !user.IsInRole(Roles.Admin))
        {
            return Redirect("/incidents");
        }

        // Open incidents, counted in the database by status and kind.
        var open = await db.Incidents.AsNoTracking()
            .Where(i => i.Status != IncidentStatus.Closed)
            .GroupBy(i => new { i.Status, i.Kind })
            .Select(g => new { g.Key.Status, g.Key.Kind, Count = g.Count() })
            .ToListAsync(ct);
        OpenCount = open.Sum(o => o.Count);
        ByStatus = Enum.GetValues<IncidentStatus>().Where(s => s != IncidentStatus.Closed)
            .Select(s => (s, open.Where(o => o.Status == s).Sum(o => o.Count))).ToList();
        ByKind = Enum.GetValues<IncidentKind>().Select(k => (k, open.Where(o => o.Kind == k).Sum(o => o.Count))).ToList();

        Email = await sender.Send(new EmailStatusQuery(), ct);
        try
        {
            OverdueCount = (await sender.Send(new TriageQueueQuery(Overdue: true, PageSize: 1), ct)).TotalCount;
        }
        catch (ForbiddenException ex)
        {
            return ForbiddenPage(ex.Message);
        }

        // The last 12 London calendar months, this one included: only the report times are read, grouped here
        // (the month boundary depends on British Summer Time, which the database does not know).
        var thisMonth = LondonTime.ToLondon(time.GetUtcNow());
        var first = new DateTime(thisMonth.Year, thisMonth.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1 - Months);
        var from = LondonTime.FromLondonWallClock(first);
        var reported = await db.Incidents.AsNoTracking().Where(i => i.ReportedAt >= from).Select(i => i.ReportedAt).ToListAsync(ct);
        var counts = reported
            .Select(r => LondonTime.ToLondon(r))
            .GroupBy(r => (r.Year, r.Month))
            .ToDictionary(g => g.Key, g => g.Count());
        var months = Enumerable.Range(0, Months).Select(first.AddMonths).ToList();
        var max = months.Select(m => counts.GetValueOrDefault((m.Year, m.Month))).DefaultIfEmpty(0).Max();
        ByMonth = months.Select(m =>
        {
            var count = counts.GetValueOrDefault((m.Year, m.Month));
            return new MonthBar(m.ToString("MMM yyyy", EnGb), m.ToString("MMMM yyyy", EnGb), count, WidthStep(count, max));
        }).ToList();
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
