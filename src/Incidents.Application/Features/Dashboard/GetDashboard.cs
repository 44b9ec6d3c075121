using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Common;
using Incidents.Domain.Complaints;
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
    IReadOnlyList<MonthCount> ByMonth)
{
    /// <summary>The ICO deadlines that come next (a decision or the initial report still owed), soonest first.</summary>
    public IReadOnlyList<DeadlineItem> NextDeadlines { get; init; } = [];

    /// <summary>Open actions past their due date, on open incidents and open complaints alike (one rule:
    /// <see cref="Domain.Common.OwnedAction.IsOverdue"/>), the longest overdue first.</summary>
    public IReadOnlyList<OverdueActionItem> OverdueActions { get; init; } = [];

    /// <summary>Suspensions in force that end within the first reminder's reach, soonest first.</summary>
    public IReadOnlyList<SuspensionEndingItem> SuspensionsEndingSoon { get; init; } = [];
}

public sealed record DeadlineItem(Guid IncidentId, string Reference, string Summary, DateTimeOffset Deadline, IcoDutyView Duty);

/// <summary>An overdue action on an incident or a complaint: <see cref="Reference"/> is the incident's or the complaint's,
/// <see cref="Link"/> the page where it is done.</summary>
public sealed record OverdueActionItem(Guid SubjectId, string Reference, string Description, string AssignedTo, DateOnly DueDate, string Link);

public sealed record SuspensionEndingItem(Guid AgreementId, string School, DateTimeOffset EndsAt);

/// <summary>Reports in one London calendar month (<see cref="Month"/> is its first day).</summary>
public sealed record MonthCount(DateTime Month, int Count);

public sealed class DashboardHandler(IIncidentsDb db, ISender sender, TimeProvider time, Agreements.SuspensionSettings suspensions)
    : IRequestHandler<DashboardQuery, DashboardView>
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
        // The kinds offered for new incidents, and an old kind (complaint, data discrepancy) only while some are still open.
        var byKind = Enum.GetValues<IncidentKind>().Where(k => k.IsOffered() || open.Any(o => o.Kind == k)).Select(k => (k, open.Where(o => o.Kind == k).Sum(o => o.Count))).ToList();
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
        return new DashboardView(open.Sum(o => o.Count), overdue, byStatus, byKind, months)
        {
            NextDeadlines = await NextDeadlinesAsync(cancellationToken),
            OverdueActions = await OverdueActionsAsync(cancellationToken),
            SuspensionsEndingSoon = await SuspensionsEndingSoonAsync(cancellationToken),
        };
    }

    public const int ItemsShown = 5;

    /// <summary>The queue's own order and duty rule: its first items that still owe a decision or the initial report.</summary>
    private async Task<IReadOnlyList<DeadlineItem>> NextDeadlinesAsync(CancellationToken cancellationToken)
    {
        var queue = await sender.Send(new TriageQueueQuery(PageSize: 50), cancellationToken);
        return queue.Items
            .Where(i => i.IcoDuty is { State: IcoDutyState.DecisionOwed or IcoDutyState.ReportOwed, Deadline: not null })
            .Take(ItemsShown)
            .Select(i => new DeadlineItem(i.Id, i.Reference, i.Summary, i.IcoDuty!.Deadline!.Value, i.IcoDuty))
            .ToList();
    }

    private async Task<IReadOnlyList<OverdueActionItem>> OverdueActionsAsync(CancellationToken cancellationToken)
    {
        var today = OwnedAction.Today(time.GetUtcNow());
        var onIncidents = (await db.IncidentActions.AsNoTracking().Where(a => a.CompletedAt == null && a.DueDate != null && a.DueDate < today).ToListAsync(cancellationToken))
            .Where(a => a.IsOverdue(today)).OrderBy(a => a.DueDate).Take(ItemsShown).ToList();
        var onComplaints = (await db.Set<ComplaintAction>().AsNoTracking().Where(a => a.CompletedAt == null && a.DueDate != null && a.DueDate < today).ToListAsync(cancellationToken))
            .Where(a => a.IsOverdue(today)).OrderBy(a => a.DueDate).Take(ItemsShown).ToList();

        var incidentIds = onIncidents.Select(a => a.IncidentId).Distinct().ToList();
        var incidents = await db.Incidents.AsNoTracking().Where(i => incidentIds.Contains(i.Id) && i.Status != IncidentStatus.Closed)
            .ToDictionaryAsync(i => i.Id, i => i.Reference, cancellationToken);
        var complaintIds = onComplaints.Select(a => a.ComplaintId).Distinct().ToList();
        var complaints = await db.Set<Complaint>().AsNoTracking().Where(c => complaintIds.Contains(c.Id) && c.Status != ComplaintStatus.Closed)
            .ToDictionaryAsync(c => c.Id, c => c.Reference, cancellationToken);

        return onIncidents.Where(a => incidents.ContainsKey(a.IncidentId))
            .Select(a => new OverdueActionItem(a.IncidentId, incidents[a.IncidentId], a.Description, a.AssignedTo, a.DueDate!.Value, $"/incidents/{a.IncidentId}/actions"))
            .Concat(onComplaints.Where(a => complaints.ContainsKey(a.ComplaintId))
                .Select(a => new OverdueActionItem(a.ComplaintId, complaints[a.ComplaintId], a.Description, a.AssignedTo, a.DueDate!.Value, $"/complaints/{a.ComplaintId}#actions-heading")))
            .OrderBy(a => a.DueDate).ThenBy(a => a.Reference, StringComparer.Ordinal)
            .Take(ItemsShown)
            .ToList();
    }

    private async Task<IReadOnlyList<SuspensionEndingItem>> SuspensionsEndingSoonAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var reach = now + suspensions.ReminderOffsets.DefaultIfEmpty(TimeSpan.FromDays(7)).Max();
        var active = await db.Suspensions.AsNoTracking().Where(s => s.Status == Domain.Agreements.SuspensionStatus.Active).ToListAsync(cancellationToken);
        var ending = active.Where(s => s.EndsAt <= reach).OrderBy(s => s.EndsAt).Take(ItemsShown).ToList();
        var agreementIds = ending.Select(s => s.AgreementId).ToList();
        var schools = await (from a in db.Agreements.AsNoTracking()
                             join o in db.Organisations.AsNoTracking() on a.SchoolOrganisationId equals o.Id
                             where agreementIds.Contains(a.Id)
                             select new { a.Id, o.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, cancellationToken);
        return ending.Select(s => new SuspensionEndingItem(s.AgreementId, schools.GetValueOrDefault(s.AgreementId, string.Empty), s.EndsAt)).ToList();
    }
}
