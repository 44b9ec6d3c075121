namespace Incidents.Domain.Organisations;

public enum ContactRole
{
    /// <summary>Clause 11.4: determines the required action when a breach is reported.</summary>
    DesignatedOfficer,

    /// <summary>Clause 11.5: SIL's Data Protection Officer hears of every breach of confidentiality.</summary>
    Dpo,
}

/// <summary>A named person of an organisation who receives notices. Recipients only ever come from here.</summary>
public sealed class Contact
{
    private Contact()
    {
        Name = string.Empty;
        Email = string.Empty;
    }

    internal Contact(Guid id, Guid organisationId, string name, string email, ContactRole role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        Id = id;
        OrganisationId = organisationId;
        Name = name;
        Email = email;
        Role = role;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Name { get; private set; }
    public string Email { get; private set; }
    public ContactRole Role { get; private set; }
}
