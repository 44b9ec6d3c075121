using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.ReportingLinks;

/// <summary>An organisation's reporting link as an administrator sees it. <see cref="Url"/> is null while there is
/// none yet (or if the key ring that encrypted it was lost: rotate to get a new one).</summary>
public sealed record ReportingLinkView(Guid OrganisationId, string OrganisationName, string? Url, bool Enabled, bool Exists, DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <summary>The one home of "which link does this token open" and "who may manage links".</summary>
public static class ReportingLinkRules
{
    /// <summary>The enabled link whose token this is, or null (unknown, rotated away, disabled or malformed: all 404).</summary>
    public static async Task<ReportingLink?> FindEnabledAsync(IIncidentsDb db, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!ReportingLink.IsWellFormed(token))
        {
            return null;
        }

        var hash = ReportingLink.HashOf(token!);
        return await db.Set<ReportingLink>().AsNoTracking().SingleOrDefaultAsync(l => l.Hash == hash && l.Enabled, cancellationToken);
    }

    public static Uri UrlFor(NotificationSettings settings, string token)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new Uri(settings.PublicUrl, $"report/{token}");
    }

    internal static async Task<Organisation> OrganisationAsync(IIncidentsDb db, Guid organisationId, CancellationToken cancellationToken) =>
        await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken)
        ?? throw new NotFoundException("There is no such organisation.");

    internal static ReportingLinkView View(Organisation organisation, ReportingLink? link, ISecretProtector protector, NotificationSettings settings)
    {
        var token = link is null ? null : protector.Unprotect(link.ProtectedToken);
        return new ReportingLinkView(
            organisation.Id,
            organisation.Name,
            token is null ? null : UrlFor(settings, token).ToString(),
            link?.Enabled ?? false,
            link is not null,
            link?.UpdatedAt,
            link?.UpdatedBy);
    }
}
