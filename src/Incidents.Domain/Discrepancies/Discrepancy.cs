using System.Globalization;
using Incidents.Domain.Common;
using Incidents.Domain.Timers;

namespace Incidents.Domain.Discrepancies;

public enum DiscrepancyStatus
{
    /// <summary>Raised: the data provider owes a correction for at least one UPN.</summary>
    Open,

    /// <summary>Every UPN has the provider's correction; waiting for both parties to confirm (clause 9.6).</summary>
    AwaitingConfirmation,

    /// <summary>Both parties confirmed the corrections.</summary>
    Closed,
}

/// <summary>
/// A data discrepancy (clauses 9.6, 9.7, 11.3): the shared data disagrees between SIL and a school for one data item of
/// one or more pupils, matched by UPN. The party that supplied the data (the provider) records the correction per UPN;
/// then each party confirms, and with both confirmations it is closed. Keeps of each pupil only the UPN, what each side
/// holds of the item in dispute and the correction.
/// </summary>
public sealed class Discrepancy
{
    public const int DataItemMaxLength = 100;
    public const int DetailsMaxLength = 4000;
    public const int MaxUpns = 500;

    private readonly List<DiscrepancyRow> _rows = [];

    private Discrepancy()
    {
        Reference = DataItem = Details = RaisedByUserId = RaisedByName = string.Empty;
    }

    public Discrepancy(Guid id, string reference, Guid agreementId, Guid schoolOrganisationId, Guid silOrganisationId, Guid raisedByOrganisationId,
        Guid providerOrganisationId, string dataItem, string details, string raisedByUserId, string raisedByName, DateTimeOffset raisedAt, int resolveWithinWorkingDays,
        IEnumerable<(Upn Upn, string? RaiserHolds, string? ProviderHolds)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (providerOrganisationId != schoolOrganisationId && providerOrganisationId != silOrganisationId)
        {
            throw new DomainException("The provider must be a party to the agreement.", "providerOrganisationId");
        }

        if (raisedByOrganisationId != schoolOrganisationId && raisedByOrganisationId != silOrganisationId)
        {
            throw new DomainException("Only a party to the agreement may raise a discrepancy under it.", "agreementId");
        }

        Id = id;
        Reference = reference;
        AgreementId = agreementId;
        SchoolOrganisationId = schoolOrganisationId;
        SilOrganisationId = silOrganisationId;
        RaisedByOrganisationId = raisedByOrganisationId;
        ProviderOrganisationId = providerOrganisationId;
        DataItem = dataItem;
        Details = details;
        RaisedByUserId = raisedByUserId;
        RaisedByName = raisedByName;
        RaisedAt = raisedAt;
        DueDate = DueDateFor(raisedAt, resolveWithinWorkingDays);
        DueAt = EndOf(DueDate);
        Status = DiscrepancyStatus.Open;
        var position = 0;
        foreach (var (upn, raiserHolds, providerHolds) in rows)
        {
            _rows.Add(new DiscrepancyRow(Guid.CreateVersion7(raisedAt), id, ++position, upn.Value, raiserHolds, providerHolds));
        }

        if (_rows.Count == 0)
        {
            throw new DomainException("Give at least one UPN.", "upns");
        }

        Version = 1;
    }

    public Guid Id { get; private set; }

    /// <summary>DSC-2026-00042, numbered per year without gaps.</summary>
    public string Reference { get; private set; }

    public Guid AgreementId { get; private set; }
    public Guid SchoolOrganisationId { get; private set; }
    public Guid SilOrganisationId { get; private set; }
    public Guid RaisedByOrganisationId { get; private set; }

    /// <summary>The party that supplied the data, which resolves it (clause 9.6).</summary>
    public Guid ProviderOrganisationId { get; private set; }

    /// <summary>The data item in dispute, e.g. date of birth, SEN status, attendance.</summary>
    public string DataItem { get; private set; }

    /// <summary>What was found, in the raiser's words. Stays in the product (never in an email).</summary>
    public string Details { get; private set; }

    public string RaisedByUserId { get; private set; }
    public string RaisedByName { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }

    /// <summary>The last working day to resolve it (London).</summary>
    public DateOnly DueDate { get; private set; }

    /// <summary>The end of <see cref="DueDate"/> in London, UTC: overdue from then.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public DiscrepancyStatus Status { get; private set; }

    public DateTimeOffset? SchoolConfirmedAt { get; private set; }
    public string? SchoolConfirmedBy { get; private set; }
    public DateTimeOffset? SilConfirmedAt { get; private set; }
    public string? SilConfirmedBy { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Concurrency token: each change adds one.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<DiscrepancyRow> Rows => _rows;

    public static DateOnly DueDateFor(DateTimeOffset raisedAt, int workingDays) => WorkingDays.Add(WorkingDays.LondonDate(raisedAt), workingDays);

    /// <summary>Midnight at the end of a London date, as an instant.</summary>
    public static DateTimeOffset EndOf(DateOnly date) => WorkingDays.At(date.AddDays(1), TimeOnly.MinValue);

    public bool IsParty(Guid organisationId) => organisationId == SchoolOrganisationId || organisationId == SilOrganisationId;

    /// <summary>Only the provider records corrections.</summary>
    public bool MayCorrect(Guid organisationId) => organisationId == ProviderOrganisationId;

    public bool IsOverdue(DateTimeOffset now) => Status != DiscrepancyStatus.Closed && now >= DueAt;

    public bool HasConfirmed(Guid organisationId) =>
        organisationId == SchoolOrganisationId ? SchoolConfirmedAt is not null
        : organisationId == SilOrganisationId && SilConfirmedAt is not null;

    public int Uncorrected => _rows.Count(r => r.Correction is null);

    /// <summary>The provider records the correction of one UPN's value (and, if it says, what it held). A changed
    /// correction withdraws the confirmations already given: both parties confirm what is finally recorded.</summary>
    public DiscrepancyRow RecordCorrection(Guid actingOrganisationId, string upn, string correction, string? providerHolds, string by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(correction);
        if (Status == DiscrepancyStatus.Closed)
        {
            throw new DomainException($"{Reference} is closed: both parties have confirmed it.", "corrections");
        }

        if (!MayCorrect(actingOrganisationId))
        {
            throw new DomainException("Only the party that provided the data records its correction.", "corrections");
        }

        var row = _rows.FirstOrDefault(r => string.Equals(r.Upn, upn, StringComparison.Ordinal))
            ?? throw new DomainException($"{upn} is not one of the UPNs of {Reference}.", "corrections");
        row.Correct(correction, providerHolds, by, now);
        SchoolConfirmedAt = SilConfirmedAt = null;
        SchoolConfirmedBy = SilConfirmedBy = null;
        Status = Uncorrected == 0 ? DiscrepancyStatus.AwaitingConfirmation : DiscrepancyStatus.Open;
        Version++;
        return row;
    }

    /// <summary>A party confirms the corrections (clause 9.6). Only once every UPN has a correction; with both parties'
    /// confirmations the discrepancy is closed. True when this confirmation closed it.</summary>
    public bool Confirm(Guid actingOrganisationId, string by, DateTimeOffset now)
    {
        if (!IsParty(actingOrganisationId))
        {
            throw new DomainException("Only a party to the agreement confirms a discrepancy.", "confirmation");
        }

        if (Status == DiscrepancyStatus.Closed)
        {
            throw new DomainException($"{Reference} is already closed: both parties have confirmed it.", "confirmation");
        }

        if (Uncorrected > 0)
        {
            throw new DomainException(string.Create(CultureInfo.InvariantCulture,
                $"There is nothing to confirm yet: the provider has not recorded a correction for {Uncorrected} of the {_rows.Count} UPNs."), "confirmation");
        }

        if (HasConfirmed(actingOrganisationId))
        {
            throw new DomainException("Your organisation has already confirmed the corrections; the other party's confirmation is awaited.", "confirmation");
        }

        if (actingOrganisationId == SchoolOrganisationId)
        {
            SchoolConfirmedAt = now;
            SchoolConfirmedBy = by;
        }
        else
        {
            SilConfirmedAt = now;
            SilConfirmedBy = by;
        }

        Version++;
        if (SchoolConfirmedAt is not null && SilConfirmedAt is not null)
        {
            Status = DiscrepancyStatus.Closed;
            ClosedAt = now;
            return true;
        }

        return false;
    }
}

/// <summary>One pupil's line of a discrepancy: the UPN, what each side holds of the data item, and the correction.</summary>
public sealed class DiscrepancyRow
{
    public const int ValueMaxLength = 200;

    private DiscrepancyRow()
    {
        Upn = string.Empty;
    }

    internal DiscrepancyRow(Guid id, Guid discrepancyId, int position, string upn, string? raiserHolds, string? providerHolds)
    {
        Id = id;
        DiscrepancyId = discrepancyId;
        Position = position;
        Upn = upn;
        RaiserHolds = raiserHolds;
        ProviderHolds = providerHolds;
    }

    public Guid Id { get; private set; }
    public Guid DiscrepancyId { get; private set; }
    public int Position { get; private set; }
    public string Upn { get; private set; }

    /// <summary>What the party that raised it holds.</summary>
    public string? RaiserHolds { get; private set; }

    /// <summary>What the provider holds (said when raising, or by the provider with its correction).</summary>
    public string? ProviderHolds { get; private set; }

    /// <summary>The correct value, or what was done, recorded by the provider.</summary>
    public string? Correction { get; private set; }

    public DateTimeOffset? CorrectedAt { get; private set; }
    public string? CorrectedBy { get; private set; }

    internal void Correct(string correction, string? providerHolds, string by, DateTimeOffset now)
    {
        Correction = correction.Trim();
        if (!string.IsNullOrWhiteSpace(providerHolds))
        {
            ProviderHolds = providerHolds.Trim();
        }

        CorrectedAt = now;
        CorrectedBy = by;
    }
}

/// <summary>The human reference of a discrepancy: DSC-2026-00042, numbered per year without gaps.</summary>
public static class DiscrepancyReference
{
    public static string Format(int year, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"DSC-{year:D4}-{number:D5}");
}

/// <summary>The last discrepancy number given out in a year (incremented inside the raising transaction).</summary>
public sealed class DiscrepancyCounter : IYearCounter
{
    private DiscrepancyCounter()
    {
    }

    public DiscrepancyCounter(int year, int lastNumber)
    {
        Year = year;
        LastNumber = lastNumber;
    }

    public int Year { get; private set; }
    public int LastNumber { get; private set; }
}

/// <summary>The reminders of a discrepancy's due date, to the provider's designated officers: at 09:00 London on the
/// working day before the due date, and at 09:00 on the working day after it (overdue).</summary>
public static class DiscrepancyReminder
{
    public const string DueSoon = "DueSoon";
    public const string Overdue = "Overdue";

    public static IReadOnlyList<DurableTimer> For(Discrepancy discrepancy, DateTimeOffset now, Func<Guid> newId)
    {
        ArgumentNullException.ThrowIfNull(discrepancy);
        ArgumentNullException.ThrowIfNull(newId);
        var nine = new TimeOnly(9, 0);
        var plan = new List<DurableTimer>();
        var dueSoon = WorkingDays.At(WorkingDays.Before(discrepancy.DueDate), nine);
        if (dueSoon > now)
        {
            plan.Add(new DurableTimer(newId(), TimerKinds.DiscrepancyReminder, discrepancy.Id, dueSoon, DueSoon));
        }

        plan.Add(new DurableTimer(newId(), TimerKinds.DiscrepancyReminder, discrepancy.Id, WorkingDays.At(WorkingDays.After(discrepancy.DueDate), nine), Overdue));
        return plan;
    }
}
