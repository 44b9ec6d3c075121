using Incidents.Application.Common.Interfaces;
using Incidents.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.NoticeTemplates;

/// <summary>A notice type's template as it stands: <see cref="Version"/> 0 is the shipped default.</summary>
public sealed record CurrentTemplate(NotificationType Type, int Version, string Subject, string Body, bool IsDefault, string? EditedBy, DateTimeOffset? EditedAt);

/// <summary>The shipped default of each notice type: an embedded file, the subject on its first line, then a line
/// "---", then the body.</summary>
public static class NoticeDefaults
{
    private static readonly Dictionary<NotificationType, (string Subject, string Body)> Defaults = Load();

    public static (string Subject, string Body) For(NotificationType type) =>
        Defaults.TryGetValue(type, out var template) ? template : throw new InvalidOperationException($"No default template for {type}.");

    private static Dictionary<NotificationType, (string Subject, string Body)> Load()
    {
        var assembly = typeof(NoticeDefaults).Assembly;
        var defaults = new Dictionary<NotificationType, (string Subject, string Body)>();
        foreach (var type in Enum.GetValues<NotificationType>())
        {
            using var stream = assembly.GetManifestResourceStream($"NoticeTemplates.{type}")
                ?? throw new InvalidOperationException($"The default template of {type} is not embedded.");
            using var reader = new StreamReader(stream);
            var source = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
            var split = source.IndexOf("\n---\n", StringComparison.Ordinal);
            if (split < 0)
            {
                throw new InvalidOperationException($"The default template of {type} has no '---' line after its subject.");
            }

            defaults[type] = (source[..split].Trim(), source[(split + 5)..].Trim() + "\n");
        }

        return defaults;
    }
}

/// <summary>Reads the current template of a type: the DPO's latest version, or the default.</summary>
public sealed class NoticeTemplateStore(IIncidentsDb db)
{
    public async Task<CurrentTemplate> CurrentAsync(NotificationType type, CancellationToken cancellationToken)
    {
        var latest = await db.NoticeTemplates.AsNoTracking().Where(t => t.Type == type).OrderByDescending(t => t.Version).FirstOrDefaultAsync(cancellationToken);
        return Current(type, latest);
    }

    public async Task<IReadOnlyList<CurrentTemplate>> AllAsync(CancellationToken cancellationToken)
    {
        var rows = await db.NoticeTemplates.AsNoTracking().ToListAsync(cancellationToken);
        var latest = rows.GroupBy(r => r.Type).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Version));
        return NoticeFields.Types.Select(t => Current(t, latest.GetValueOrDefault(t))).ToList();
    }

    private static CurrentTemplate Current(NotificationType type, NoticeTemplate? latest)
    {
        if (latest is null)
        {
            var (subject, body) = NoticeDefaults.For(type);
            return new CurrentTemplate(type, 0, subject, body, true, null, null);
        }

        if (latest.IsDefault)
        {
            var (subject, body) = NoticeDefaults.For(type);
            return new CurrentTemplate(type, latest.Version, subject, body, true, latest.EditedBy, latest.EditedAt);
        }

        return new CurrentTemplate(type, latest.Version, latest.Subject!, latest.Body!, false, latest.EditedBy, latest.EditedAt);
    }
}
