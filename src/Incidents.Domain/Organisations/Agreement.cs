using Incidents.Domain.Common;

namespace Incidents.Domain.Organisations;

public enum AgreementStatus
{
    Active,
    Suspended,
    Terminated,
}

/// <summary>The information sharing agreement between SIL and one school.</summary>
public sealed class Agreement
{
    private Agreement()
    {
    }

    public Agreement(Guid id, Guid silOrganisationId, Guid schoolOrganisationId, int version, DateOnly startDate)
    {
        if (silOrganisationId == schoolOrganisationId)
        {
            throw new ArgumentException("An agreement is between two different organisations.", nameof(schoolOrganisationId));
        }

        Id = id;
        SilOrganisationId = silOrganisationId;
        SchoolOrganisationId = schoolOrganisationId;
        Version = version;
        StartDate = startDate;
        Status = AgreementStatus.Active;
    }

    public Guid Id { get; private set; }
    public Guid SilOrganisationId { get; private set; }
    public Guid SchoolOrganisationId { get; private set; }
    public int Version { get; private set; }
    public DateOnly StartDate { get; private set; }
    public AgreementStatus Status { get; private set; }

    /// <summary>The suspension in force, if the agreement is suspended.</summary>
    public Guid? CurrentSuspensionId { get; private set; }

    /// <summary>Optimistic concurrency: bumped by every change.</summary>
    public int ConcurrencyVersion { get; private set; }

    public void Suspend(Guid suspensionId)
    {
        if (Status == AgreementStatus.Terminated)
        {
            throw new DomainException("A terminated agreement cannot be suspended.", "agreement");
        }

        Status = AgreementStatus.Suspended;
        CurrentSuspensionId = suspensionId;
        ConcurrencyVersion++;
    }

    /// <summary>Back in force. Only the suspension that is current can reinstate the agreement.</summary>
    public bool Reinstate(Guid suspensionId)
    {
        if (Status != AgreementStatus.Suspended || CurrentSuspensionId != suspensionId)
        {
            return false;
        }

        Status = AgreementStatus.Active;
        CurrentSuspensionId = null;
        ConcurrencyVersion++;
        return true;
    }

    public void Update(int version, DateOnly startDate, bool terminate)
    {
        if (terminate && Status == AgreementStatus.Suspended)
        {
            throw new DomainException("Lift the suspension before terminating the agreement.", "status");
        }

        Version = version;
        StartDate = startDate;
        if (terminate)
        {
            Status = AgreementStatus.Terminated;
        }

        ConcurrencyVersion++;
    }

    public bool IsParty(Guid organisationId) => organisationId == SilOrganisationId || organisationId == SchoolOrganisationId;

    /// <summary>The other party of the agreement, seen from <paramref name="organisationId"/>.</summary>
    public Guid CounterpartyOf(Guid organisationId) =>
        organisationId == SilOrganisationId ? SchoolOrganisationId
        : organisationId == SchoolOrganisationId ? SilOrganisationId
        : throw new ArgumentException("Not a party to this agreement.", nameof(organisationId));
}
