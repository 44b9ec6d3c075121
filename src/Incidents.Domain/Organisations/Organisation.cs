namespace Incidents.Domain.Organisations;

public enum OrganisationKind
{
    Sil,
    School,
}

/// <summary>SIL or a school. A school is identified by its DfE URN.</summary>
public sealed class Organisation
{
    private readonly List<Contact> _contacts = [];

    private Organisation()
    {
        Name = string.Empty;
    }

    public Organisation(Guid id, string name, OrganisationKind kind, string? urn = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Name = name;
        Kind = kind;
        Urn = urn;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public OrganisationKind Kind { get; private set; }
    public string? Urn { get; private set; }
    public IReadOnlyList<Contact> Contacts => _contacts;

    public Contact AddContact(string name, string email, ContactRole role)
    {
        var contact = new Contact(Guid.NewGuid(), Id, name, email, role);
        _contacts.Add(contact);
        return contact;
    }
}
