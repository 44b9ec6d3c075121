using Incidents.Domain.Common;

namespace Incidents.Domain.Retention;

/// <summary>
/// Clause 9.5: an incident is kept until its retention date, then reviewed by SIL's DPO, who extends it with a reason or
/// deletes its personal data. The date is <see cref="RetentionRule.DueAt"/>: a number of years after closure (London
/// calendar), or the date an extension set. One row per incident that was flagged, extended or deleted.
/// </summary>
public sealed class IncidentRetention
{
    public const int ReasonMaxLength = 2000;

    private IncidentRetention()
    {
    }

    public IncidentRetention(Guid incidentId) => IncidentId = incidentId;

    public Guid IncidentId { get; private set; }

    /// <summary>An extension's new date (the last one wins).</summary>
    public DateTimeOffset? ExtendedUntil { get; private set; }

    public string? ExtensionReason { get; private set; }
    public string? ExtendedBy { get; private set; }
    public DateTimeOffset? ExtendedAt { get; private set; }

    /// <summary>When the monthly review first found it due.</summary>
    public DateTimeOffset? FlaggedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }
    public string? DeletedBy { get; private set; }
    public string? DeletionReason { get; private set; }

    public bool Deleted => DeletedAt is not null;

    public void Extend(DateTimeOffset until, string reason, string by, DateTimeOffset at)
    {
        EnsureNotDeleted();
        ExtendedUntil = until;
        ExtensionReason = reason;
        ExtendedBy = by;
        ExtendedAt = at;
        FlaggedAt = null;
    }

    public void Flag(DateTimeOffset at) => FlaggedAt ??= at;

    public void MarkDeleted(string reason, string by, DateTimeOffset at)
    {
        EnsureNotDeleted();
        DeletedAt = at;
        DeletedBy = by;
        DeletionReason = reason;
    }

    private void EnsureNotDeleted()
    {
        if (Deleted)
        {
            throw new DomainException("This incident's personal data has already been deleted.", "action");
        }
    }
}

/// <summary>When an incident's record falls due for review: one home for the queue, the monthly reminder and the page.</summary>
public static class RetentionRule
{
    public const int DefaultYearsAfterClosure = 6;

    /// <summary>The retention date: an extension's, else <paramref name="years"/> London calendar years after closure;
    /// null while the incident is open (reopening clears it until it closes again).</summary>
    public static DateTimeOffset? DueAt(DateTimeOffset? closedAt, int years, IncidentRetention? retention)
    {
        if (closedAt is not { } closed)
        {
            return null;
        }

        if (retention?.ExtendedUntil is { } extended)
        {
            return extended;
        }

        var local = LondonTime.ToLondon(closed);
        return LondonTime.FromLondonWallClock(local.DateTime.AddYears(years));
    }

    public static bool IsDue(DateTimeOffset? closedAt, int years, IncidentRetention? retention, DateTimeOffset now) =>
        retention?.Deleted != true && DueAt(closedAt, years, retention) is { } due && due <= now;
}
