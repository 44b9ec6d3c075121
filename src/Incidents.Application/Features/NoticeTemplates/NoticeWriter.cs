using Incidents.Application.Common.Interfaces;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Notifications;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.NoticeTemplates;

/// <summary>Writes the email for an owed notice from its type's current template and its merge fields; says which
/// template version wrote it. No user text goes into a header unencoded: the subject is one line of text.</summary>
public sealed class NoticeWriter(IIncidentsDb db, NotificationSettings settings, TimeProvider time, ILogger? logger = null, IInviteLinks? invites = null)
{
    public async Task<(EmailMessage Message, int TemplateVersion)> WriteAsync(Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var template = await new NoticeTemplateStore(db).CurrentAsync(notification.Type, cancellationToken);
        var model = await new NoticeFields(db, settings, time, invites).BuildAsync(notification, cancellationToken);
        RenderedNotice rendered;
        try
        {
            rendered = NoticeRenderer.Render(template.Subject, template.Body, model);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !template.IsDefault)
        {
            // A saved template was checked when it was saved; if it still cannot be written, the notice goes out from
            // the default (and says so in its template version) rather than not at all.
            logger?.LogError(ex, "Notice template {Type} version {Version} could not be rendered; the default was used for notification {NotificationId}", notification.Type, template.Version, notification.Id);
            var (subject, body) = NoticeDefaults.For(notification.Type);
            rendered = NoticeRenderer.Render(subject, body, model);
            template = template with { Version = 0 };
        }

        var message = new EmailMessage(
            new EmailAddress(notification.RecipientName, notification.RecipientEmail),
            rendered.Subject,
            rendered.Text,
            rendered.Html,
            notification.MessageId(settings.MessageIdDomain));
        return (message, template.Version);
    }
}
