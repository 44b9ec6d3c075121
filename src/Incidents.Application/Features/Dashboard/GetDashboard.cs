using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Dashboard;

/// <summary>The DPO's dashboard: open incidents by status and by kind, how many are overdue on the ICO duty (the queue's
/// own count, so the two can never disagree), and the incidents reported in each of the last <paramref name="Months"/>
/// London calendar months. For the DPO and administrators.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "The dashboard is for SIL's DPO and administrators.")]
public sealed record DashboardQuery(int Months = 12) : IRequest<DashboardView>;

public sealed record DashboardView(
    int OpenCount,
    int OverdueCount,
    IReadOnlyList<(IncidentStatus Status, int Count)> ByStatus,
    IReadOnlyList<(IncidentKind Kind, int Count)> ByKind,
    IReadOnlyList<MonthCount> ByMonth);

/// <summary>Reports in one London calendar month (<see cref="Month"/> is its first day).</summary>
public sealed record MonthCount(DateTime Month, int Count);

public sealed class DashboardHandler(IIncidentsDb db, ISender sender, TimeProvider time) : IRequestHandler<DashboardQuery, DashboardView>
{
    public async ValueTask<DashboardView> Handle(DashboardQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);

        // Open incidents, counted in the database by status and kind.
        var open = await db.Incidents.AsNoTracking()
            .Where(i => i.Status != IncidentStatus.Closed)
            .GroupBy(i => new { i.Status, i.Kind })
            .Select(g => new { g.Key.Status, g.Key.Kind, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byStatus = Enum.GetValues<IncidentStatus>().Where(s => s != IncidentStatus.Closed)
            .Select(s => (s, open.Where(o => o.Status == s).Sum(o => o.Count))).ToList();
        var byKind = Enum.GetValues<IncidentKind>().Select(k => (k, open.Where(o => o.Kind == k).Sum(o => o.Count))).ToList();
        var overdue = (await sender.Send(new TriageQueueQuery(Overdue: true, PageSize: 1), cancellationToken)).TotalCount;

        // The last months in the London calendar, this one included: only the report times are read and grouped here
        // (the month boundary depends on British Summer Time, which the database does not know).
        var thisMonth = LondonTime.ToLondon(time.GetUtcNow());
        var first = new DateTime(thisMonth.Year, thisMonth.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1 - query.Months);
        var from = LondonTime.FromLondonWallClock(first);
        var reported = await db.Incidents.AsNoTracking().Where(i => i.ReportedAt >= from).Select(i => i.ReportedAt).ToListAsync(cancellationToken);
        var counts = reported.Select(LondonTime.ToLondon).GroupBy(r => (r.Year, r.Month)).ToDictionary(g => g.Key, g => g.Count());
        var months = Enumerable.Range(0, query.Months).Select(first.AddMonths)
            .Select(m => new MonthCount(m, counts.GetValueOrDefault((m.Year, m.Month)))).ToList();
        return new DashboardView(open.Sum(o => o.Count), overdue, byStatus, byKind, months);
    }
}
