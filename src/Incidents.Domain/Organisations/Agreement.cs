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

    public bool IsParty(Guid organisationId) => organisationId == SilOrganisationId || organisationId == SchoolOrganisationId;

    /// <summary>The other party of the agreement, seen from <paramref name="organisationId"/>.</summary>
    public Guid CounterpartyOf(Guid organisationId) =>
        organisationId == SilOrganisationId ? SchoolOrganisationId
        : organisationId == SchoolOrganisationId ? SilOrganisationId
        : throw new ArgumentException("Not a party to this agreement.", nameof(organisationId));
}
