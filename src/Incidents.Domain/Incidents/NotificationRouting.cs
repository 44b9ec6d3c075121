using Incidents.Domain.Organisations;

namespace Incidents.Domain.Incidents;

/// <summary>Who must hear of a report (clauses 11.4 and 11.5). Recipients come from the parties' contacts only.</summary>
public static class NotificationRouting
{
    public static IReadOnlyList<Contact> RecipientsFor(IncidentKind kind, Organisation counterparty, Organisation sil)
    {
        ArgumentNullException.ThrowIfNull(counterparty);
        ArgumentNullException.ThrowIfNull(sil);
        if (sil.Kind != OrganisationKind.Sil)
        {
            throw new ArgumentException("The DPO is SIL's.", nameof(sil));
        }

        var dpos = sil.Contacts.Where(c => c.Role == ContactRole.Dpo);
        var officers = counterparty.Contacts.Where(c => c.Role == ContactRole.DesignatedOfficer);

        IEnumerable<Contact> recipients = kind switch
        {
            IncidentKind.NearMiss => dpos,
            _ => officers.Concat(dpos),
        };

        // One notice per person even when a DPO is also named as a designated officer.
        return recipients
            .GroupBy(c => c.Email.Trim().ToUpperInvariant())
            .Select(g => g.First())
            .ToList();
    }
}
