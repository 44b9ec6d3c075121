using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Incidents.Application.Common.Interfaces;
using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Incidents.Domain.Notifications;

namespace Incidents.Application.Features.Notifications;

/// <summary>What a notice says. Plain text and HTML; every piece of user text is HTML-encoded in the HTML part,
/// and no user text goes into a header.</summary>
public static class NotificationComposer
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public sealed record IncidentFacts(
        Guid Id,
        string Reference,
        IncidentKind Kind,
        string ReportingOrganisation,
        string CounterpartyOrganisation,
        string ReportedBy,
        DateTimeOffset DiscoveredAt,
        DateTimeOffset ReportedAt,
        DateTimeOffset IcoDeadline,
        string Summary,
        string Description,
        IReadOnlyList<string> DataCategories,
        int? ApproximateDataSubjects,
        string ContainmentActions);

    public static EmailMessage IncidentReported(Notification notification, IncidentFacts incident, NotificationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(settings);

        var link = settings.IncidentLink(incident.Id).ToString();
        var subject = $"[{incident.Reference}] {incident.Kind.Describe()} reported by {OneLine(incident.ReportingOrganisation)}";
        var categories = incident.DataCategories.Count == 0
            ? "Not stated"
            : string.Join(", ", incident.DataCategories.Select(c => DataCategory.All.FirstOrDefault(d => d.Code == c)?.Label ?? c));
        var people = incident.ApproximateDataSubjects?.ToString("N0", English) ?? "Not stated";
        var deadline = incident.Kind.IsBreach()
            ? LondonTime.Format(incident.IcoDeadline) + " (72 hours from when it was discovered, the earliest any party knew, if this is a personal data breach that must be reported)"
            : "Not applicable unless triage finds a reportable personal data breach";
        var duty = incident.Kind switch
        {
            IncidentKind.ConfidentialityBreach or IncidentKind.SecurityBreach =>
                "Under clause 11.4 of the information sharing agreement you are told of this breach on its discovery; the designated officers determine the action required. SIL's DPO has also been told (clause 11.5).",
            IncidentKind.NearMiss => "A near miss is recorded for SIL's DPO; nobody outside is notified.",
            IncidentKind.Complaint => "Complaints are handled under the relevant party's formal complaints procedure (clause 11.1).",
            IncidentKind.DataDiscrepancy => "Discrepancies are resolved by the relevant data providers of each party (clauses 9.6 and 11.3).",
            _ => string.Empty,
        };

        var facts = new (string Label, string Value)[]
        {
            ("Reference", incident.Reference),
            ("Kind", incident.Kind.Describe()),
            ("Reported by", $"{incident.ReportedBy}, {incident.ReportingOrganisation}"),
            ("Other party", incident.CounterpartyOrganisation),
            ("Discovered", LondonTime.Format(incident.DiscoveredAt)),
            ("Reported", LondonTime.Format(incident.ReportedAt)),
            ("ICO deadline", deadline),
            ("Categories of data", categories),
            ("Approximate number of people", people),
        };

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Dear {notification.RecipientName},");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{incident.Kind.Describe()} {incident.Reference} has been reported by {incident.ReportingOrganisation}.");
        text.AppendLine();
        foreach (var (label, value) in facts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{label}: {value}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Summary: {incident.Summary}");
        text.AppendLine();
        text.AppendLine("What happened:");
        text.AppendLine(incident.Description);
        if (!string.IsNullOrWhiteSpace(incident.ContainmentActions))
        {
            text.AppendLine();
            text.AppendLine("What has been done to contain it:");
            text.AppendLine(incident.ContainmentActions);
        }

        text.AppendLine();
        text.AppendLine(duty);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Open the incident: {link}");

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(subject)).Append("</title></head><body style=\"font-family:Arial,sans-serif;font-size:16px;color:#0b0c0c\">");
        html.Append("<p>Dear ").Append(Encode(notification.RecipientName)).Append(",</p>");
        html.Append("<p><strong>").Append(Encode(incident.Kind.Describe())).Append(' ').Append(Encode(incident.Reference))
            .Append("</strong> has been reported by ").Append(Encode(incident.ReportingOrganisation)).Append(".</p>");
        html.Append("<table style=\"border-collapse:collapse\">");
        foreach (var (label, value) in facts)
        {
            html.Append("<tr><th scope=\"row\" style=\"text-align:left;padding:4px 12px 4px 0;vertical-align:top\">").Append(Encode(label))
                .Append("</th><td style=\"padding:4px 0\">").Append(Encode(value)).Append("</td></tr>");
        }

        html.Append("</table>");
        html.Append("<h2 style=\"font-size:19px\">Summary</h2><p>").Append(Encode(incident.Summary)).Append("</p>");
        html.Append("<h2 style=\"font-size:19px\">What happened</h2>").Append(Paragraphs(incident.Description));
        if (!string.IsNullOrWhiteSpace(incident.ContainmentActions))
        {
            html.Append("<h2 style=\"font-size:19px\">What has been done to contain it</h2>").Append(Paragraphs(incident.ContainmentActions));
        }

        html.Append("<p>").Append(Encode(duty)).Append("</p>");
        html.Append("<p><a href=\"").Append(Encode(link)).Append("\">Open ").Append(Encode(incident.Reference)).Append("</a></p>");
        html.Append("</body></html>");

        return new EmailMessage(
            new EmailAddress(notification.RecipientName, notification.RecipientEmail),
            subject,
            text.ToString(),
            html.ToString(),
            notification.MessageId(settings.MessageIdDomain));
    }

    public static EmailMessage DeliveryFailed(Notification alert, Notification failed, string? incidentReference, NotificationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(settings);

        var about = incidentReference ?? "a notice";
        var subject = $"[{about}] A notice could not be delivered";
        var link = failed.IncidentId is { } id ? settings.IncidentLink(id).ToString() : settings.PublicUrl.ToString();
        var line = $"The notice to {failed.RecipientName} <{failed.RecipientEmail}> about {about} could not be delivered after {failed.Attempts} attempt(s).";
        var error = $"The last error was: {failed.LastError ?? "unknown"}";
        var action = "Please contact them by another route, and correct their address in the agreement's contacts.";

        var text = $"Dear {alert.RecipientName},{Environment.NewLine}{Environment.NewLine}{line}{Environment.NewLine}{error}{Environment.NewLine}{Environment.NewLine}{action}{Environment.NewLine}{Environment.NewLine}Open: {link}{Environment.NewLine}";
        var html = $"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{Encode(subject)}</title></head><body style=\"font-family:Arial,sans-serif\">" +
                   $"<p>Dear {Encode(alert.RecipientName)},</p><p>{Encode(line)}</p><p>{Encode(error)}</p><p>{Encode(action)}</p>" +
                   $"<p><a href=\"{Encode(link)}\">Open {Encode(about)}</a></p></body></html>";
        return new EmailMessage(new EmailAddress(alert.RecipientName, alert.RecipientEmail), subject, text, html, alert.MessageId(settings.MessageIdDomain));
    }

    /// <summary>An ICO reminder: what the one duty rule says is owed (a decision, or the initial report) and the time
    /// left or overdue, in words.</summary>
    public static EmailMessage IcoReminder(Notification notification, string reference, IcoDutyStatus duty, DateTimeOffset now, Guid incidentId, NotificationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(duty);
        ArgumentNullException.ThrowIfNull(settings);
        var deadline = duty.Deadline ?? now;
        var overdue = now >= deadline;
        var decision = duty.State != IcoDutyState.ReportOwed;
        var owed = decision ? "no decision recorded" : "no report to the ICO recorded";
        var subject = overdue
            ? $"[{reference}] The ICO 72-hour deadline has passed with {owed}"
            : decision
                ? $"[{reference}] {DurationWords.Left(deadline - now)} to decide whether to report to the ICO"
                : $"[{reference}] {DurationWords.Left(deadline - now)} to report to the ICO";
        var link = settings.IncidentLink(incidentId).ToString();
        var line = (overdue, decision) switch
        {
            (true, true) => $"The 72 hours for reporting {reference} to the ICO ran out at {LondonTime.Format(deadline)} ({DurationWords.OverdueBy(now - deadline)}) and no decision is recorded. If it must be reported, report it now and record the reasons for the delay (Art. 33(1)); if not, record the decision not to report and why (Art. 33(5)).",
            (true, false) => $"The decision is to report {reference} to the ICO, but no report is recorded and the 72 hours ran out at {LondonTime.Format(deadline)} ({DurationWords.OverdueBy(now - deadline)}). Report it now, and record the filing with the reasons for the delay (Art. 33(1)).",
            (false, true) => $"No ICO decision is recorded for {reference}. The 72-hour deadline is {LondonTime.Format(deadline)} ({DurationWords.Left(deadline - now)}).",
            (false, false) => $"The decision is to report {reference} to the ICO; the report is still owed. The 72-hour deadline is {LondonTime.Format(deadline)} ({DurationWords.Left(deadline - now)}). Record the filing when it is made.",
        };
        var text = $"Dear {notification.RecipientName},{Environment.NewLine}{Environment.NewLine}{line}{Environment.NewLine}{Environment.NewLine}Open the incident: {link}{Environment.NewLine}";
        var html = $"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{Encode(subject)}</title></head><body style=\"font-family:Arial,sans-serif\">" +
                   $"<p>Dear {Encode(notification.RecipientName)},</p><p>{Encode(line)}</p><p><a href=\"{Encode(link)}\">Open {Encode(reference)}</a></p></body></html>";
        return new EmailMessage(new EmailAddress(notification.RecipientName, notification.RecipientEmail), subject, text, html, notification.MessageId(settings.MessageIdDomain));
    }

    public sealed record SuspensionFacts(
        NotificationType Type,
        string School,
        string Sil,
        string SuspendedBy,
        string SuspendingParty,
        string Reason,
        IReadOnlyList<string> IncidentReferences,
        DateTimeOffset StartsAt,
        DateTimeOffset EndsAt,
        bool Renewal,
        string? EndReason,
        Guid AgreementId);

    public static EmailMessage Suspension(Notification notification, SuspensionFacts f, NotificationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(settings);
        var link = new Uri(settings.PublicUrl, $"agreements/{f.AgreementId}").ToString();
        var parties = $"the information sharing agreement between {f.Sil} and {f.School}";
        string subject;
        List<string> lines;
        switch (f.Type)
        {
            case NotificationType.AgreementSuspended:
                subject = f.Renewal
                    ? $"Suspension renewed: information sharing with {OneLine(f.School)} suspended until {LondonTime.Format(f.EndsAt)}"
                    : $"Agreement suspended: information sharing with {OneLine(f.School)} suspended until {LondonTime.Format(f.EndsAt)}";
                lines =
                [
                    $"{f.SuspendedBy} ({f.SuspendingParty}) has {(f.Renewal ? "renewed the suspension of" : "suspended")} {parties} under clause 10, on evidence that security or the agreement has been seriously breached.",
                    $"Reason: {f.Reason}",
                    $"Incidents: {(f.IncidentReferences.Count == 0 ? "none linked" : string.Join(", ", f.IncidentReferences))}",
                    $"From: {LondonTime.Format(f.StartsAt)}",
                    $"Until: {LondonTime.Format(f.EndsAt)}, when it is reinstated automatically unless lifted earlier or renewed.",
                    "What this means: no data may flow under the agreement until it is reinstated. Stop scheduled transfers (Appendix A and B) now.",
                ];
                break;
            case NotificationType.SuspensionEndingSoon:
                subject = $"Suspension ends {LondonTime.Format(f.EndsAt)}: information sharing with {OneLine(f.School)}";
                lines =
                [
                    $"The suspension of {parties} ends at {LondonTime.Format(f.EndsAt)}, when the agreement is reinstated automatically.",
                    "If the breach is not yet resolved, either party may renew the suspension with new evidence before then.",
                    $"Reason it was suspended: {f.Reason}",
                ];
                break;
            default:
                subject = $"Agreement reinstated: information sharing with {OneLine(f.School)} may resume";
                lines =
                [
                    $"{char.ToUpperInvariant(parties[0])}{parties[1..]} is back in force.",
                    f.EndReason is null ? "The suspension has ended." : $"The suspension ended: {f.EndReason}",
                    "Data may flow again under the agreement, as set out in Appendix A and B.",
                ];
                break;
        }

        var text = $"Dear {notification.RecipientName},{Environment.NewLine}{Environment.NewLine}" + string.Join(Environment.NewLine + Environment.NewLine, lines)
                   + $"{Environment.NewLine}{Environment.NewLine}Open the agreement: {link}{Environment.NewLine}";
        var html = $"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{Encode(subject)}</title></head><body style=\"font-family:Arial,sans-serif\">" +
                   $"<p>Dear {Encode(notification.RecipientName)},</p>" + string.Concat(lines.Select(l => $"<p>{Encode(l)}</p>")) +
                   $"<p><a href=\"{Encode(link)}\">Open the agreement</a></p></body></html>";
        return new EmailMessage(new EmailAddress(notification.RecipientName, notification.RecipientEmail), subject, text, html, notification.MessageId(settings.MessageIdDomain));
    }

    public static EmailMessage ReviewDue(Notification notification, string school, DateOnly reviewDate, Guid agreementId, NotificationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(settings);
        var link = new Uri(settings.PublicUrl, $"agreements/{agreementId}").ToString();
        var date = reviewDate.ToString("d MMMM yyyy", English);
        var subject = $"Annual review due {date}: information sharing agreement with {OneLine(school)}";
        var line = $"The information sharing agreement with {school} is to be reviewed and reissued by {date}, the start of the academic year (clause 10). Check the data flows in Appendix A and B, the designated officers, and any incidents since the last review.";
        var text = $"Dear {notification.RecipientName},{Environment.NewLine}{Environment.NewLine}{line}{Environment.NewLine}{Environment.NewLine}Open the agreement: {link}{Environment.NewLine}";
        var html = $"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{Encode(subject)}</title></head><body style=\"font-family:Arial,sans-serif\">" +
                   $"<p>Dear {Encode(notification.RecipientName)},</p><p>{Encode(line)}</p><p><a href=\"{Encode(link)}\">Open the agreement</a></p></body></html>";
        return new EmailMessage(new EmailAddress(notification.RecipientName, notification.RecipientEmail), subject, text, html, notification.MessageId(settings.MessageIdDomain));
    }

    /// <summary>To an account's owner: their password is being guessed at (<see cref="NotificationType.SignInAttempts"/>),
    /// or an administrator disabled, re-enabled or reset the password of their account.</summary>
    public static EmailMessage Account(Notification notification, NotificationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(settings);
        var when = LondonTime.Format(notification.CreatedAt);
        var link = new Uri(settings.PublicUrl, "account/password").ToString();
        string subject;
        string[] lines;
        if (notification.Type == NotificationType.SignInAttempts)
        {
            subject = "Someone is trying to sign in to your SIL Incidents account";
            lines =
            [
                $"By {when} there had been repeated failed attempts to sign in to your SIL Incidents account ({notification.RecipientEmail}) with a wrong password.",
                "If that was you, there is nothing more to do: you can still sign in from your usual device, although each try may have to wait a few seconds for the next 15 minutes.",
                "If it was not you, someone may be guessing your password. Your account is not locked and has not been opened. Change your password if you think it may be known, and tell SIL's DPO.",
            ];
        }
        else
        {
            var (what, next) = notification.Type switch
            {
                NotificationType.AccountDisabled => ("disabled your SIL Incidents account", "You cannot sign in until an administrator re-enables it, and every session you had open has been signed out."),
                NotificationType.AccountEnabled => ("re-enabled your SIL Incidents account", "You can sign in again with your password."),
                _ => ("set a new password for your SIL Incidents account", "Every session you had open has been signed out. Sign in with the password the administrator gives you, then change it to one only you know."),
            };
            subject = $"An administrator {what}";
            lines =
            [
                $"At {when} an administrator {what} ({notification.RecipientEmail}).",
                next,
                "If you did not expect this, tell SIL's DPO.",
            ];
        }

        var text = $"Dear {notification.RecipientName},{Environment.NewLine}{Environment.NewLine}" + string.Join(Environment.NewLine + Environment.NewLine, lines)
                   + $"{Environment.NewLine}{Environment.NewLine}Change your password: {link}{Environment.NewLine}";
        var html = $"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{Encode(subject)}</title></head><body style=\"font-family:Arial,sans-serif\">" +
                   $"<p>Dear {Encode(notification.RecipientName)},</p>" + string.Concat(lines.Select(l => $"<p>{Encode(l)}</p>")) +
                   $"<p><a href=\"{Encode(link)}\">Change your password</a></p></body></html>";
        return new EmailMessage(new EmailAddress(notification.RecipientName, notification.RecipientEmail), subject, text, html, notification.MessageId(settings.MessageIdDomain));
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);

    private static string OneLine(string value) => new(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray());

    private static string Paragraphs(string value)
    {
        var paragraphs = value.Replace("\r\n", "\n", StringComparison.Ordinal)
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Concat(paragraphs.Select(p => "<p>" + Encode(p).Replace("&#xA;", "<br>", StringComparison.Ordinal) + "</p>"));
    }
}
