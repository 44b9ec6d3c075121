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
        Active = true;
    }

    public Guid Id { get; private set; }
    public Guid OrganisationId { get; private set; }
    public string Name { get; private set; }
    public string Email { get; private set; }
    public ContactRole Role { get; private set; }

    /// <summary>An inactive contact gets no new notices; the notices already written to them keep their name and address.</summary>
    public bool Active { get; private set; }

    public void Update(string name, string email, ContactRole role, bool active)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        Name = name.Trim();
        Email = email.Trim();
        Role = role;
        Active = active;
    }
}
