using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;

namespace Incidents.Domain.Complaints;

/// <summary>One person told about a complaint, and why.</summary>
public sealed record ComplaintRecipient(string Name, string Email, RecipientReason Reason, string Organisation, Guid? ContactId);

/// <summary>
/// Who is told about a complaint (clause 11.1; the complaint counterpart of <see cref="Incidents.NotificationRouting"/>).
/// The handling party's designated officers and SIL's DPO are told it arrived and reminded of the acknowledgement; the
/// other party is kept informed: SIL's designated officers when a school is complained to, the school's when SIL is
/// complained to about that school's data. Recipients come only from the parties' active contacts.
/// </summary>
public static class ComplaintRouting
{
    /// <summary>Told that the complaint arrived: the handling party's officers, SIL's DPO, then the other party's officers.</summary>
    public static IReadOnlyList<ComplaintRecipient> ReceivedNoticesFor(Organisation handling, Organisation? about, Organisation sil)
    {
        ArgumentNullException.ThrowIfNull(handling);
        ArgumentNullException.ThrowIfNull(sil);
        var other = handling.Kind == OrganisationKind.School ? sil : about;
        var otherOfficers = other is null || other.Id == handling.Id
            ? []
            : Officers(other).Select(c => new ComplaintRecipient(c.Name, c.Email, RecipientReason.CounterpartyOfficer, other.Name, c.Id));
        return Distinct(Handlers(handling, sil).Concat(otherOfficers));
    }

    /// <summary>Reminded of the acknowledgement deadline: the handling party's designated officers and SIL's DPO.</summary>
    public static IReadOnlyList<ComplaintRecipient> ReminderNoticesFor(Organisation handling, Organisation sil) => Distinct(Handlers(handling, sil));

    private static IEnumerable<ComplaintRecipient> Handlers(Organisation handling, Organisation sil)
    {
        if (sil.Kind != OrganisationKind.Sil)
        {
            throw new ArgumentException("The DPO is SIL's.", nameof(sil));
        }

        return Officers(handling).Select(c => new ComplaintRecipient(c.Name, c.Email, RecipientReason.OwnOfficer, handling.Name, c.Id))
            .Concat(sil.Contacts.Where(c => c.Active && c.Role == ContactRole.Dpo).Select(c => new ComplaintRecipient(c.Name, c.Email, RecipientReason.Dpo, sil.Name, c.Id)));
    }

    private static IEnumerable<Contact> Officers(Organisation organisation) =>
        organisation.Contacts.Where(c => c.Active && c.Role == ContactRole.DesignatedOfficer);

    private static List<ComplaintRecipient> Distinct(IEnumerable<ComplaintRecipient> recipients) =>
        recipients.GroupBy(r => r.Email.Trim().ToUpperInvariant()).Select(g => g.First()).ToList();
}
