using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.NoticeTemplates;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Common;
using Incidents.Domain.Complaints;
using Incidents.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Complaints;

/// <summary>
/// The merge fields of the complaint notices. The officers' notices (received, reminder) carry the reference, the
/// organisations, the dates and a link, never the complainant's details (they read those on the complaint page);
/// the complainant's own letters (receipt, acknowledgement, outcome) carry their name and what they complained about.
/// </summary>
public static class ComplaintNoticeFields
{
    public static bool Handles(NotificationType type) => type is NotificationType.ComplaintReceived or NotificationType.ComplaintReceipt
        or NotificationType.ComplaintReminder or NotificationType.ComplaintAcknowledged or NotificationType.ComplaintOutcome;

    public static bool ToComplainant(NotificationType type) => type is NotificationType.ComplaintReceipt or NotificationType.ComplaintAcknowledged or NotificationType.ComplaintOutcome;

    public static string Describe(NotificationType type) => type switch
    {
        NotificationType.ComplaintReceived => "Complaint received (to the officers and the DPO)",
        NotificationType.ComplaintReceipt => "Complaint receipt to the complainant",
        NotificationType.ComplaintReminder => "Complaint acknowledgement reminder",
        NotificationType.ComplaintAcknowledged => "Complaint acknowledgement to the complainant",
        NotificationType.ComplaintOutcome => "Complaint outcome letter to the complainant",
        _ => type.ToString(),
    };

    public static async Task<Dictionary<string, object?>> BuildAsync(IIncidentsDb db, NotificationSettings settings, Notification notification, Dictionary<string, object?> recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(notification);
        var complaint = await db.Set<Complaint>().AsNoTracking().SingleAsync(c => c.Id == notification.ComplaintId, cancellationToken);
        var names = await db.Organisations.AsNoTracking().Where(o => o.Id == complaint.HandlingOrganisationId || o.Id == complaint.AboutOrganisationId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);
        var left = complaint.AcknowledgeBy - notification.CreatedAt;
        return Model(notification.Type, recipient, new Uri(settings.PublicUrl, $"complaints/{complaint.Id}"),
            complaint.Reference, names.GetValueOrDefault(complaint.HandlingOrganisationId, string.Empty),
            complaint.AboutOrganisationId is { } a ? names.GetValueOrDefault(a, string.Empty) : string.Empty,
            complaint.ReceivedAt, complaint.AcknowledgeBy, left, complaint.ComplainantName, complaint.About,
            complaint.Outcome, complaint.OutcomeSummary ?? string.Empty, complaint.AcknowledgedAt, complaint.ReceivedTimeUnknown, complaint.AcknowledgedTimeUnknown);
    }

    public static Dictionary<string, object?> Sample(NotificationType type, Dictionary<string, object?> recipient)
    {
        var received = new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);
        return Model(type, recipient, new Uri("https://incidents.example.org/complaints/00000000-0000-0000-0000-000000000000"),
            "CMP-2026-00042", "Alpha Primary School", string.Empty, received, ComplaintClock.AcknowledgeBy(received), TimeSpan.FromDays(3),
            "Jo Parent", "My child's reading records were shared with another parent", ComplaintOutcome.PartlyUpheld,
            "The records were sent to the wrong address. Staff have been retrained and the address book corrected.", received.AddDays(2));
    }

    private static Dictionary<string, object?> Model(
        NotificationType type, Dictionary<string, object?> recipient, Uri link, string reference, string organisation, string aboutOrganisation,
        DateTimeOffset receivedAt, DateTimeOffset acknowledgeBy, TimeSpan left, string complainant, string about, ComplaintOutcome? outcome,
        string outcomeSummary, DateTimeOffset? acknowledgedAt, bool receivedTimeUnknown = false, bool acknowledgedTimeUnknown = false)
    {
        // A day whose time is not known is written as the day alone ("on Tuesday 3 March 2026"), never as midnight.
        static string When(DateTimeOffset at, bool timeUnknown) => timeUnknown ? LondonTime.FormatDay(at) : LondonTime.Format(at);
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["reference"] = reference,
            ["organisation"] = organisation,
            ["about_organisation"] = aboutOrganisation,
            ["received_at"] = When(receivedAt, receivedTimeUnknown),
            ["acknowledge_by"] = LondonTime.Format(acknowledgeBy),
        };
        if (type == NotificationType.ComplaintReminder)
        {
            fields["overdue"] = left <= TimeSpan.Zero;
            fields["left"] = left > TimeSpan.Zero ? DurationWords.Left(left) : string.Empty;
            fields["overdue_by"] = left <= TimeSpan.Zero ? DurationWords.OverdueBy(-left) : string.Empty;
        }

        if (ToComplainant(type))
        {
            fields["complainant_name"] = complainant;
            fields["about"] = about;
        }

        if (type == NotificationType.ComplaintAcknowledged)
        {
            fields["acknowledged_at"] = acknowledgedAt is { } at ? When(at, acknowledgedTimeUnknown) : string.Empty;
        }

        if (type == NotificationType.ComplaintOutcome)
        {
            fields["outcome"] = outcome?.Describe() ?? string.Empty;
            fields["outcome_code"] = outcome?.ToString() ?? string.Empty;
            fields["outcome_summary"] = outcomeSummary;
        }

        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["recipient"] = recipient,
            ["link"] = link.ToString(),
            ["complaint"] = fields,
        };
    }
}
