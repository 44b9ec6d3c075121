using Incidents.Application.Common.Interfaces;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Notifications;

namespace Incidents.Application.Features.NoticeTemplates;

/// <summary>Writes the email for an owed notice from its type's current template and its merge fields; says which
/// template version wrote it. No user text goes into a header unencoded: the subject is one line of text.</summary>
public sealed class NoticeWriter(IIncidentsDb db, NotificationSettings settings, TimeProvider time)
{
    public async Task<(EmailMessage Message, int TemplateVersion)> WriteAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var template = await new NoticeTemplateStore(db).CurrentAsync(notification.Type, cancellationToken);
        var model = await new NoticeFields(db, settings, time).BuildAsync(notification, cancellationToken);
        var rendered = NoticeRenderer.Render(template.Subject, template.Body, model);
        var message = new EmailMessage(
            new EmailAddress(notification.RecipientName, notification.RecipientEmail),
            rendered.Subject,
            rendered.Text,
            rendered.Html,
            notification.MessageId(settings.MessageIdDomain));
        return (message, template.Version);
    }
}
