using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.AccessRequests;
using Incidents.Application.Features.Dashboard;
using Incidents.Application.Features.NoticeTemplates;
using Incidents.Application.Features.Notifications;
using Incidents.Application.Features.ReportingLinks;
using Incidents.Application.Features.Retention;
using Incidents.Application.Features.Triage;
using Incidents.Application.Features.Webhooks;

namespace Incidents.Web.Pages;

/// <summary>What the signed-in user is offered, decided from each page's request declaration
/// (<see cref="Access.Allows{TRequest}"/>), so "who may do what" is read in one place and no view asks about roles.</summary>
public static class Navigation
{
    /// <summary>The service navigation's items, in order.</summary>
    public static IReadOnlyList<(string Href, string Text)> Menu(ICurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var items = new List<(string Href, string Text)>();
        if (!user.IsAuthenticated)
        {
            return items;
        }

        Add(Access.Allows<DashboardQuery>(user), "/", "Dashboard");
        Add(Access.Allows<TriageQueueQuery>(user), "/triage", "Triage queue");
        items.Add(("/incidents", "Incidents"));
        items.Add(("/incidents/report", "Report an incident"));
        items.Add(("/agreements", "Agreements"));
        items.Add(("/complaints", "Complaints"));
        items.Add(("/discrepancies", "Discrepancies"));
        Add(MaySeeRegister(user), "/register/export", "Register");
        Add(Access.Allows<ListNoticeTemplatesQuery>(user), "/notice-templates", "Notice templates");
        Add(Access.Allows<ListWebhooksQuery>(user), "/webhooks", "Webhooks");
        Add(Access.Allows<ListRetentionDueQuery>(user), "/retention", "Retention review");
        Add(Access.Allows<ListAccessRequestsQuery>(user), "/access-requests", "Access requests");
        return items;

        void Add(bool allowed, string href, string text)
        {
            if (allowed)
            {
                items.Add((href, text));
            }
        }
    }

    /// <summary>The register is any signed-in user's to ask (the query limits it to what they may see); it is offered to
    /// those whose work it is: the people who run the triage queue and the designated officers.</summary>
    public static bool MaySeeRegister(ICurrentUser user) =>
        Access.Allows<TriageQueueQuery>(user) || user.IsInRole(Roles.DesignatedOfficer);

    /// <summary>May this user correct and resend a notice that failed?</summary>
    public static bool MayResendNotices(ICurrentUser user) => Access.Allows<ResendNotificationCommand>(user);

    /// <summary>May this user manage organisations' reporting links?</summary>
    public static bool MayManageReportingLinks(ICurrentUser user) => Access.Allows<GetReportingLinkQuery>(user);
}
