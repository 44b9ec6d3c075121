using System.Globalization;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Discrepancies;
using Incidents.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Discrepancies;

/// <summary>
/// The merge fields of the discrepancy notices (<see cref="NotificationType.DiscrepancyRaised"/>,
/// <see cref="NotificationType.DiscrepancyReminder"/>, <see cref="NotificationType.DiscrepancyConfirmed"/>,
/// <see cref="NotificationType.DiscrepancyClosed"/>): the reference, the agreement, the data item, how many UPNs,
/// the due date and a link. Never a UPN, a value or the details: those stay in the product.
/// </summary>
public static class DiscrepancyNoticeFields
{
    public static bool Handles(NotificationType type) =>
        type is NotificationType.DiscrepancyRaised or NotificationType.DiscrepancyReminder or NotificationType.DiscrepancyConfirmed or NotificationType.DiscrepancyClosed;

    /// <summary>The notices to a party's officers as a party to the agreement (not as the data provider).</summary>
    private static bool ToEitherParty(NotificationType type) => type is NotificationType.DiscrepancyConfirmed or NotificationType.DiscrepancyClosed;

    public static string Describe(NotificationType type) => type switch
    {
        NotificationType.DiscrepancyRaised => "Data discrepancy raised (to the provider's officers)",
        NotificationType.DiscrepancyReminder => "Data discrepancy due or overdue (to the provider's officers)",
        NotificationType.DiscrepancyConfirmed => "Data discrepancy confirmed by one party (to the other party's officers)",
        NotificationType.DiscrepancyClosed => "Data discrepancy closed, both parties confirmed (to both parties' officers)",
        _ => type.ToString(),
    };

    public static async Task<Dictionary<string, object?>> BuildAsync(IIncidentsDb db, NotificationSettings settings, Notification notification, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(notification);
        var d = await db.Set<Discrepancy>().AsNoTracking().Include(x => x.Rows).SingleAsync(x => x.Id == notification.DiscrepancyId, cancellationToken);
        var names = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == d.SchoolOrganisationId || o.Id == d.SilOrganisationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var confirmedBy = string.Join(" and ", new[] { (d.SchoolConfirmedAt, d.SchoolOrganisationId), (d.SilConfirmedAt, d.SilOrganisationId) }
            .Where(c => c.Item1 is not null).OrderBy(c => c.Item1).Select(c => names[c.Item2]));
        return Model(notification.Type, notification.RecipientName, notification.RecipientEmail, notification.RecipientOrganisation ?? names[d.ProviderOrganisationId],
            new Uri(settings.PublicUrl, $"discrepancies/{d.Id}"),
            d.Reference, names[d.SchoolOrganisationId], names[d.SilOrganisationId], names[d.RaisedByOrganisationId], names[d.ProviderOrganisationId], d.RaisedByName, d.DataItem,
            d.Rows.Count, d.Uncorrected, d.DueDate, d.IsOverdue(now), confirmedBy);
    }

    /// <summary>The same fields with fictional values: for the template editor's list and the validator.</summary>
    public static Dictionary<string, object?> Sample(NotificationType type) =>
        Model(type, "Sam Officer", "officer@example.org", "Alpha Primary School", new Uri("https://incidents.example.org/discrepancies/00000000-0000-0000-0000-000000000000"),
            "DSC-2026-00042", "Alpha Primary School", "School Improvement Liverpool", "School Improvement Liverpool", "Alpha Primary School", "Pat Analyst", "Date of birth", 3, 2,
            new DateOnly(2026, 12, 14), type == NotificationType.DiscrepancyReminder,
            type == NotificationType.DiscrepancyClosed ? "School Improvement Liverpool and Alpha Primary School" : "School Improvement Liverpool");

    private static Dictionary<string, object?> Model(NotificationType type, string name, string email, string organisation, Uri link, string reference, string school, string sil, string raisedBy,
        string provider, string raisedByName, string dataItem, int upns, int uncorrected, DateOnly due, bool overdue, string confirmedBy) => new(StringComparer.Ordinal)
    {
        ["recipient"] = ToEitherParty(type)
            ? Fields(("name", name), ("email", email), ("organisation", organisation), ("reason", "party_officer"),
                ("role", $"designated officer of {organisation}, a party to the agreement (clause 9.6)"))
            : Fields(("name", name), ("email", email), ("organisation", organisation), ("reason", "provider_officer"),
                ("role", "designated officer of the party that provided the data (clause 9.6)")),
        ["link"] = link.ToString(),
        ["discrepancy"] = Fields(
            ("reference", reference),
            ("school", school),
            ("agreement", $"information sharing agreement between {school} and {sil}"),
            ("raised_by", raisedBy),
            ("raised_by_name", raisedByName),
            ("provider", provider),
            ("data_item", dataItem),
            ("upns", upns),
            ("upns_words", upns == 1 ? "1 pupil" : string.Create(CultureInfo.InvariantCulture, $"{upns} pupils")),
            ("uncorrected", uncorrected),
            ("due", DiscrepancyText.Date(due)),
            ("overdue", overdue),
            ("confirmed_by", confirmedBy)),
    };

    private static Dictionary<string, object?> Fields(params (string Name, object? Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
}
