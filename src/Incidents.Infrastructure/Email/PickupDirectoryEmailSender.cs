using Incidents.Application.Common.Interfaces;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Incidents.Infrastructure.Email;

/// <summary>The embedded default: each message becomes {messageId}.eml in the pickup folder. Writing the same
/// notice twice overwrites one file, so the folder holds one file per notice.</summary>
internal sealed class PickupDirectoryEmailSender(IOptions<EmailOptions> options, ILogger<PickupDirectoryEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var directory = Path.GetFullPath(options.Value.PickupDirectory);
        try
        {
            Directory.CreateDirectory(directory);
            var mime = MimeMessageFactory.Create(message, options.Value.From);
            var name = new string(message.MessageId.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' ? c : '_').ToArray());
            var path = Path.Combine(directory, name + ".eml");
            var temporary = path + ".tmp";
            await mime.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            logger.LogInformation("Wrote email {MessageId} to {Path}", message.MessageId, path);
        }
        catch (IOException ex)
        {
            throw new EmailDeliveryException($"Could not write to the pickup folder: {ex.Message}", EmailFailureKind.Transient, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new EmailDeliveryException($"Could not write to the pickup folder: {ex.Message}", EmailFailureKind.Transient, ex);
        }
    }
}
