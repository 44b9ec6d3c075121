using Incidents.Domain.Common;
using System.Globalization;
using Incidents.Domain.Timers;

namespace Incidents.Domain.Agreements;

public enum SuspensionStatus
{
    /// <summary>In force until <see cref="Suspension.EndsAt"/>.</summary>
    Active,

    /// <summary>Ran its course: the agreement was reinstated automatically.</summary>
    Ended,

    /// <summary>Lifted early.</summary>
    Lifted,

    /// <summary>Renewed: a new suspension with new evidence took its place.</summary>
    Replaced,
}

/// <summary>
/// Clause 10: either party can suspend the agreement for 30 days on evidence that security or the agreement
/// has been seriously breached. While it is in force no data flows under the agreement.
/// </summary>
public sealed class Suspension
{
    private Suspension()
    {
        Reason = Evidence = SuspendedByUserId = SuspendedByName = string.Empty;
        IncidentIds = [];
    }

    public Suspension(Guid id, Guid agreementId, Guid suspendedByOrganisationId, string suspendedByUserId, string suspendedByName,
        string reason, string evidence, IEnumerable<Guid> incidentIds, DateTimeOffset startsAt, DateTimeOffset endsAt, Guid? replacesSuspensionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (endsAt <= startsAt)
        {
            throw new DomainException("A suspension must end after it starts.", "period");
        }

        Id = id;
        AgreementId = agreementId;
        SuspendedByOrganisationId = suspendedByOrganisationId;
        SuspendedByUserId = suspendedByUserId;
        SuspendedByName = suspendedByName;
        Reason = reason;
        Evidence = evidence;
        IncidentIds = incidentIds.Distinct().ToList();
        StartsAt = startsAt.ToUniversalTime();
        EndsAt = endsAt.ToUniversalTime();
        ReplacesSuspensionId = replacesSuspensionId;
        Status = SuspensionStatus.Active;
    }

    public Guid Id { get; private set; }
    public Guid AgreementId { get; private set; }
    public Guid SuspendedByOrganisationId { get; private set; }
    public string SuspendedByUserId { get; private set; }
    public string SuspendedByName { get; private set; }
    public string Reason { get; private set; }
    public string Evidence { get; private set; }
    public List<Guid> IncidentIds { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public Guid? ReplacesSuspensionId { get; private set; }
    public SuspensionStatus Status { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public string? EndedBy { get; private set; }
    public string? EndReason { get; private set; }

    /// <summary>Who renewed it, when this suspension is a renewal (it started then, at <see cref="StartsAt"/>). A renewal
    /// never changes who imposed the suspension: <see cref="SuspendedByOrganisationId"/> stays the party that imposed the
    /// original one.</summary>
    public Guid? RenewedByOrganisationId { get; private set; }
    public string? RenewedByUserId { get; private set; }
    public string? RenewedByName { get; private set; }

    public bool IsActive => Status == SuspensionStatus.Active;

    /// <summary>Clause 10: only SIL's DPO or the party that imposed the (original) suspension may renew or lift it.
    /// The one home of this rule: the renew and lift handlers and the agreement query all ask it.</summary>
    public bool MayBeRenewedOrLiftedBy(Guid actingParty, bool isSilDpo) => isSilDpo || actingParty == SuspendedByOrganisationId;

    /// <summary>The suspension that replaces this one with new evidence and a fresh period. It keeps who imposed the
    /// suspension and records who renewed it; the caller finishes this one as <see cref="SuspensionStatus.Replaced"/>.</summary>
    public Suspension Renewal(Guid id, Guid renewedByOrganisationId, string renewedByUserId, string renewedByName,
        string reason, string evidence, IEnumerable<Guid> incidentIds, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        if (!IsActive)
        {
            throw new DomainException("This suspension is no longer in force, so it cannot be renewed.", "suspensionId");
        }

        return new Suspension(id, AgreementId, SuspendedByOrganisationId, SuspendedByUserId, SuspendedByName, reason, evidence, incidentIds, startsAt, endsAt, Id)
        {
            RenewedByOrganisationId = renewedByOrganisationId,
            RenewedByUserId = renewedByUserId,
            RenewedByName = renewedByName,
        };
    }

    public void Finish(SuspensionStatus how, DateTimeOffset at, string by, string? reason)
    {
        if (!IsActive)
        {
            throw new DomainException("This suspension is no longer in force.", "suspensionId");
        }

        if (how == SuspensionStatus.Active)
        {
            throw new ArgumentOutOfRangeException(nameof(how));
        }

        Status = how;
        EndedAt = at;
        EndedBy = by;
        EndReason = reason;
    }
}

/// <summary>Suspension periods in the UK civil calendar. A whole number of days is calendar arithmetic in
/// Europe/London (10:00 local on 20 March + 30 days = 10:00 local on 19 April, across the clock change);
/// any other period is exact elapsed time.</summary>
public static class SuspensionCalendar
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);

    public static DateTimeOffset Add(DateTimeOffset start, TimeSpan period)
    {
        if (period <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), "A period must be longer than zero.");
        }

        if (period.Ticks % TimeSpan.TicksPerDay != 0)
        {
            return start.ToUniversalTime() + period;
        }

        var local = LondonTime.ToLondon(start).DateTime;
        return LondonTime.FromLondonWallClock(local.AddDays(period.TotalDays));
    }

    /// <summary>The moment <paramref name="offset"/> before <paramref name="end"/>, by the same rules.</summary>
    public static DateTimeOffset Before(DateTimeOffset end, TimeSpan offset)
    {
        if (offset <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), "An offset must be longer than zero.");
        }

        if (offset.Ticks % TimeSpan.TicksPerDay != 0)
        {
            return end.ToUniversalTime() - offset;
        }

        var local = LondonTime.ToLondon(end).DateTime;
        return LondonTime.FromLondonWallClock(local.AddDays(-offset.TotalDays));
    }

    /// <summary>Clause 10: reviewed annually, reissued at the start of the academic year (1 September).</summary>
    public static DateOnly NextReviewDate(DateOnly today) =>
        today < new DateOnly(today.Year, 9, 1) ? new DateOnly(today.Year, 9, 1) : new DateOnly(today.Year + 1, 9, 1);
}

/// <summary>The timers of a suspension: a reminder before the end (<see cref="TimerKinds.SuspensionReminder"/>, argument:
/// how long before), and the reinstatement at the end (<see cref="TimerKinds.SuspensionReinstatement"/>).</summary>
public static class SuspensionTimer
{
    /// <summary>The reinstatement at the end, and a reminder at each offset that is still in the future.</summary>
    public static IReadOnlyList<DurableTimer> For(Suspension suspension, IEnumerable<TimeSpan> reminderOffsets, DateTimeOffset now, Func<Guid> newId)
    {
        ArgumentNullException.ThrowIfNull(suspension);
        ArgumentNullException.ThrowIfNull(newId);
        var timers = new List<DurableTimer>();
        foreach (var offset in reminderOffsets.Where(o => o > TimeSpan.Zero).Distinct().OrderByDescending(o => o))
        {
            var due = SuspensionCalendar.Before(suspension.EndsAt, offset);
            if (due > now)
            {
                timers.Add(new DurableTimer(newId(), TimerKinds.SuspensionReminder, suspension.Id, due, offset.ToString("c", CultureInfo.InvariantCulture)));
            }
        }

        timers.Add(new DurableTimer(newId(), TimerKinds.SuspensionReinstatement, suspension.Id, suspension.EndsAt));
        return timers.OrderBy(t => t.DueAt).ToList();
    }

    /// <summary>How long before the end a reminder timer is, or null for the reinstatement.</summary>
    public static TimeSpan? BeforeEndOf(DurableTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return timer.Kind == TimerKinds.SuspensionReminder && timer.Argument is { } a ? TimeSpan.Parse(a, CultureInfo.InvariantCulture) : null;
    }
}
