using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.ReportingLinks;

/// <summary>Makes the organisation's reporting link, or replaces it with a new one (the old one answers 404 at once).
/// The new link is enabled.</summary>
[RequiresRole(Roles.Admin, Message = "Only an administrator may manage reporting links.")]
public sealed record RotateReportingLinkCommand(Guid OrganisationId) : IRequest<ReportingLinkView>;

public sealed class RotateReportingLinkHandler(
    IIncidentsDb db, ICurrentUser user, ISecretProtector protector, NotificationSettings settings, IAuditTrail audit, TimeProvider time)
    : IRequestHandler<RotateReportingLinkCommand, ReportingLinkView>
{
    public async ValueTask<ReportingLinkView> Handle(RotateReportingLinkCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var organisation = await ReportingLinkRules.OrganisationAsync(db, command.OrganisationId, cancellationToken);
        var now = time.GetUtcNow();
        var (token, hash) = ReportingLink.Generate();
        var protectedToken = protector.Protect(token);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await db.Set<ReportingLink>().SingleOrDefaultAsync(l => l.OrganisationId == organisation.Id, cancellationToken);
        var created = link is null;
        if (link is null)
        {
            link = new ReportingLink(Guid.CreateVersion7(now), organisation.Id, hash, protectedToken, user.DisplayName, now);
            db.Set<ReportingLink>().Add(link);
        }
        else
        {
            link.Rotate(hash, protectedToken, user.DisplayName, now);
        }

        // Never the token itself: the audit says that it changed, for whom, by whom.
        await audit.AppendAsync(null, created ? "ReportingLinkCreated" : "ReportingLinkRotated", null,
            new { OrganisationId = organisation.Id, Organisation = organisation.Name, link.Enabled }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ReportingLinkRules.View(organisation, link, protector, settings);
    }
}
