using FluentValidation;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Features.Notifications;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.ReportingLinks;

/// <summary>Turns the organisation's reporting link off (it answers 404) or on again (the same address).</summary>
[RequiresRole(Roles.Admin, Message = "Only an administrator may manage reporting links.")]
public sealed record SetReportingLinkEnabledCommand(Guid OrganisationId, bool? Enabled) : IRequest<ReportingLinkView>;

public sealed class SetReportingLinkEnabledValidator : AbstractValidator<SetReportingLinkEnabledCommand>
{
    public SetReportingLinkEnabledValidator() =>
        RuleFor(c => c.Enabled).NotNull().WithMessage("Say whether the link is on (true) or off (false).");
}

public sealed class SetReportingLinkEnabledHandler(
    IIncidentsDb db, ICurrentUser user, ISecretProtector protector, NotificationSettings settings, IAuditTrail audit, TimeProvider time)
    : IRequestHandler<SetReportingLinkEnabledCommand, ReportingLinkView>
{
    public async ValueTask<ReportingLinkView> Handle(SetReportingLinkEnabledCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var organisation = await ReportingLinkRules.OrganisationAsync(db, command.OrganisationId, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var link = await db.Set<ReportingLink>().SingleOrDefaultAsync(l => l.OrganisationId == organisation.Id, cancellationToken)
            ?? throw new NotFoundException($"{organisation.Name} has no reporting link yet.");
        var enabled = command.Enabled!.Value;
        if (link.Enabled != enabled)
        {
            link.SetEnabled(enabled, user.DisplayName, time.GetUtcNow());
            await audit.AppendAsync(null, enabled ? "ReportingLinkEnabled" : "ReportingLinkDisabled", new { Enabled = !enabled },
                new { OrganisationId = organisation.Id, Organisation = organisation.Name, Enabled = enabled }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return ReportingLinkRules.View(organisation, link, protector, settings);
    }
}
