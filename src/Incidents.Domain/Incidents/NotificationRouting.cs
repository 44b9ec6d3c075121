using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;

namespace Incidents.Domain.Incidents;

/// <summary>One person to be told of a report, and why.</summary>
public sealed record IncidentRecipient(string Name, string Email, RecipientReason Reason, string Organisation, Guid? ContactId);

/// <summary>Who must hear of a report (clauses 11.4 and 11.5). Recipients come from the parties' active contacts
/// (and the reporter's own account) only, never from the report.</summary>
public static class NotificationRouting
{
    /// <summary>The people outside the reporter's own organisation who must be told: the counterparty's designated
    /// officers (not for a near miss) and SIL's DPO.</summary>
    public static IReadOnlyList<Contact> RecipientsFor(IncidentKind kind, Organisation counterparty, Organisation sil)
    {
        ArgumentNullException.ThrowIfNull(counterparty);
        ArgumentNullException.ThrowIfNull(sil);
        if (sil.Kind != OrganisationKind.Sil)
        {
            throw new ArgumentException("The DPO is SIL's.", nameof(sil));
        }

        var dpos = sil.Contacts.Where(c => c.Active && c.Role == ContactRole.Dpo);
        var officers = counterparty.Contacts.Where(c => c.Active && c.Role == ContactRole.DesignatedOfficer);

        IEnumerable<Contact> recipients = kind switch
        {
            IncidentKind.NearMiss => dpos,
            _ => officers.Concat(dpos),
        };

        // One notice per person even when a DPO is also named as a designated officer.
        return recipients
            .GroupBy(c => Key(c.Email))
            .Select(g => g.First())
            .ToList();
    }

    /// <summary>Everyone told of a report, each once, with the reason their notice gives: the counterparty's officers
    /// (11.4) and SIL's DPO (11.5) as <see cref="RecipientsFor"/>, then the reporting party's own designated officers,
    /// then the reporter (a receipt). Someone who is more than one of these gets the first notice only.</summary>
    public static IReadOnlyList<IncidentRecipient> NoticesFor(
        IncidentKind kind, Organisation reporting, Organisation counterparty, Organisation sil, string reporterName, string? reporterEmail)
    {
        ArgumentNullException.ThrowIfNull(reporting);
        var outside = RecipientsFor(kind, counterparty, sil)
            .Select(c => new IncidentRecipient(c.Name, c.Email,
                c.Role == ContactRole.Dpo && c.OrganisationId == sil.Id ? RecipientReason.Dpo : RecipientReason.CounterpartyOfficer,
                c.OrganisationId == sil.Id ? sil.Name : counterparty.Name, c.Id));
        var own = reporting.Contacts.Where(c => c.Active && c.Role == ContactRole.DesignatedOfficer)
            .Select(c => new IncidentRecipient(c.Name, c.Email, RecipientReason.OwnOfficer, reporting.Name, c.Id));
        var reporter = string.IsNullOrWhiteSpace(reporterEmail)
            ? []
            : new[] { new IncidentRecipient(reporterName, reporterEmail, RecipientReason.Reporter, reporting.Name, null) };

        return outside.Concat(own).Concat(reporter)
            .GroupBy(r => Key(r.Email))
            .Select(g => g.First())
            .ToList();
    }

    private static string Key(string email) => email.Trim().ToUpperInvariant();
}
