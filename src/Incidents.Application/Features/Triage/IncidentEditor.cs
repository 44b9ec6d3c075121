using Incidents.Application.Common;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Common.Timers;
using Incidents.Domain.Incidents;
using Incidents.Domain.Timers;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Triage;

/// <summary>
/// The one way an incident is changed after it is reported: in a transaction, against the version the caller
/// saw (else 409), with an audit entry, and with the ICO reminders re-planned when the clock may have moved.
/// Timers are asked for only after commit.
/// </summary>
public sealed class IncidentEditor(
    IIncidentsDb db,
    ICurrentUser user,
    IAuditTrail audit,
    TimerRequests timers,
    TimeProvider time,
    Webhooks.WebhookOutbox? webhooks = null)
{
    public sealed record Change(string Action, object? Before, object? After, bool ReplanReminders = false);

    /// <summary>A change made without a version (<paramref name="expectedVersion"/> null) adds to the record without
    /// altering it (evidence): it cannot clash with anyone's edit, so it is not checked against one.</summary>
    public async Task<int> ChangeAsync(Guid incidentId, int? expectedVersion, Func<Incident, DateTimeOffset, Task<Change>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var planned = new List<DurableTimer>();
        int version;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var incident = await db.Incidents.VisibleTo(user).SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken)
                ?? throw new NotFoundException("There is no incident with that id that you may see.");
            if (expectedVersion is { } expected && incident.Version != expected)
            {
                throw new ConflictException(incident.Id);
            }

            var now = time.GetUtcNow();
            var done = await change(incident, now);
            if (done.ReplanReminders)
            {
                planned.AddRange(await IcoReminderPlanner.ReplanAsync(db, incident, now, cancellationToken));
            }

            await audit.AppendAsync(incident.Id, done.Action, done.Before, done.After, cancellationToken);
            if (webhooks is not null)
            {
                await webhooks.RaiseForIncidentAsync(incident, done.Action, now, cancellationToken);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException ex)
            {
                throw new ConflictException("Someone else changed this incident first.", ex);
            }

            await transaction.CommitAsync(cancellationToken);
            version = incident.Version;
        }

        timers.AfterCommit(planned);
        webhooks?.AfterCommit();

        return version;
    }

    public string ActorName => user.DisplayName;
}

/// <summary>Keeps an incident's reminder timers in step with its ICO duty: they run while the one rule
/// (<see cref="IcoDuty"/>) says a decision or the initial report is owed on an open incident.</summary>
public static class IcoReminderPlanner
{
    /// <summary>Cancels the pending reminders and, if the duty is still owed, plans new ones against the deadline.
    /// Returns the new rows (added to the context) to schedule after commit.</summary>
    public static async Task<IReadOnlyList<DurableTimer>> ReplanAsync(IIncidentsDb db, Incident incident, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        var incidentId = incident.Id;
        await db.Timers
            .Where(t => t.Kind == TimerKinds.IcoReminder && t.SubjectId == incidentId && t.Status == TimerStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled), cancellationToken);
        var filings = await FilingsAsync(db, incidentId, cancellationToken);
        return Plan(db, incident, filings, now);
    }

    /// <summary>The incident's filings, stored and added in this change (not yet saved).</summary>
    public static async Task<IReadOnlyList<IcoFiling>> FilingsAsync(IIncidentsDb db, Guid incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await db.IcoFilings.AsNoTracking().Where(f => f.IncidentId == incidentId).ToListAsync(cancellationToken);
        return stored.Concat(db.IcoFilings.Local.Where(f => f.IncidentId == incidentId)).DistinctBy(f => f.Id).ToList();
    }

    public static IReadOnlyList<DurableTimer> Plan(IIncidentsDb db, Incident incident, IEnumerable<IcoFiling> filings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        var own = filings.ToList();
        // The stored next deadline follows the same rule as the reminders, at every change that re-plans them.
        incident.FollowDuty(own);
        if (!IcoDuty.Of(incident, own, now).RemindersRun)
        {
            return [];
        }

        var planned = IcoReminder.For(incident.Id, incident.IcoDeadline, now, () => Guid.CreateVersion7(now)).ToList();
        db.Timers.AddRange(planned);
        return planned;
    }
}
