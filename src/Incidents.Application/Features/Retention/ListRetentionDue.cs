using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Incidents.Domain.Retention;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Retention;

/// <summary>The retention review queue (SIL's DPO): closed incidents whose retention date has passed, oldest first.</summary>
[RequiresRole(Roles.Dpo, Message = "Only SIL's DPO may review records for retention.")]
public sealed record ListRetentionDueQuery : IRequest<IReadOnlyList<RetentionDueItem>>;

public sealed record RetentionDueItem(Guid IncidentId, string Reference, IncidentKind Kind, DecisionOutcome? Decision, DateTimeOffset ReportedAt, DateTimeOffset ClosedAt,
    DateTimeOffset RetentionDate, string RetentionDateLocal, DateTimeOffset? ExtendedUntil, string? ExtensionReason, DateTimeOffset? FlaggedAt);

public sealed class ListRetentionDueHandler(IIncidentsDb db, RetentionSettings settings, TimeProvider time)
    : IRequestHandler<ListRetentionDueQuery, IReadOnlyList<RetentionDueItem>>
{
    public async ValueTask<IReadOnlyList<RetentionDueItem>> Handle(ListRetentionDueQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await Due(db, settings, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>Every due record (<see cref="RetentionRule.IsDue"/>), for the queue and the monthly review.</summary>
    internal static async Task<IReadOnlyList<RetentionDueItem>> Due(IIncidentsDb db, RetentionSettings settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Closed before the cut-off, or extended: a superset of the due ones; the rule decides.
        var cutoff = LondonTime.FromLondonWallClock(LondonTime.ToLondon(now).DateTime.AddYears(-settings.YearsAfterClosure)).AddDays(1);
        var retentions = db.Set<IncidentRetention>().AsNoTracking();
        var candidates = await db.Incidents.AsNoTracking()
            .Where(i => i.Status == IncidentStatus.Closed && i.ClosedAt != null)
            .Where(i => i.ClosedAt <= cutoff || retentions.Any(r => r.IncidentId == i.Id && r.ExtendedUntil != null))
            .Where(i => !retentions.Any(r => r.IncidentId == i.Id && r.DeletedAt != null))
            .Select(i => new { i.Id, i.Reference, i.Kind, i.Decision, i.ReportedAt, i.ClosedAt })
            .ToListAsync(cancellationToken);
        var ids = candidates.Select(c => c.Id).ToList();
        var rows = await retentions.Where(r => ids.Contains(r.IncidentId)).ToDictionaryAsync(r => r.IncidentId, cancellationToken);
        return candidates
            .Select(c => (c, r: rows.GetValueOrDefault(c.Id)))
            .Where(x => RetentionRule.IsDue(x.c.ClosedAt, settings.YearsAfterClosure, x.r, now))
            .Select(x =>
            {
                var due = RetentionRule.DueAt(x.c.ClosedAt, settings.YearsAfterClosure, x.r)!.Value;
                return new RetentionDueItem(x.c.Id, x.c.Reference, x.c.Kind, x.c.Decision, x.c.ReportedAt, x.c.ClosedAt!.Value, due, LondonTime.Format(due),
                    x.r?.ExtendedUntil, x.r?.ExtensionReason, x.r?.FlaggedAt);
            })
            .OrderBy(x => x.RetentionDate)
            .ToList();
    }
}

