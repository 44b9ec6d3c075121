using Incidents.Application.Features.Incidents;
using Incidents.Domain.Notifications;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Web.Pages.Incident;

/// <summary>The confirmation after a report: the reference, who was told, what happens next. Read from the incident
/// itself, so it survives a refresh.</summary>
public sealed class ReportedModel(ISender sender) : AppPageModel
{
    public IncidentDetails Incident { get; private set; } = null!;

    public IReadOnlyList<NotificationView> Notified { get; private set; } = [];

    /// <summary>Why they are told, in words: "designated officer of the other party (clause 11.4)".</summary>
    public static string Role(NotificationView notice) => Application.Features.NoticeTemplates.NoticeFields.DescribeReason(notice?.Reason);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Incident = await sender.Send(new GetIncidentQuery(id), ct);

        Notified = Incident.Notifications.Where(n => n.Type is NotificationType.IncidentReported or NotificationType.IncidentReceipt && n.ResendOfNotificationId is null).ToList();
        return Page();
    }
}
