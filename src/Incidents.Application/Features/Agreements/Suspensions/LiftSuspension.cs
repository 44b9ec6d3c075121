using FluentValidation;
using FluentValidation.Results;
using Incidents.Application.Common;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Common.Timers;
using Incidents.Domain.Agreements;
using Incidents.Domain.Notifications;
using Incidents.Domain.Organisations;
using Incidents.Domain.Timers;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Incidents.Application.Features.Agreements;

/// <summary>Lifts the current suspension early: the agreement is back in force now and its timers do nothing.</summary>
[RequiresRole(Roles.Dpo, Roles.DesignatedOfficer, Message = "Only SIL's DPO or a designated officer of a party to this agreement may suspend or lift it.")]
public sealed record LiftSuspensionCommand(Guid AgreementId, Guid SuspensionId, string? Reason) : IRequest<AgreementStatus>;

public sealed class LiftSuspensionValidator : AbstractValidator<LiftSuspensionCommand>
{
    public LiftSuspensionValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Give the reason for lifting the suspension.").MaximumLength(4000);
    }
}

public sealed class LiftSuspensionHandler(
    IIncidentsDb db,
    ICurrentUser user,
    IAuditTrail audit,
    SuspensionNotices notices,
    TimeProvider time,
    Webhooks.WebhookOutbox? webhooks = null) : IRequestHandler<LiftSuspensionCommand, AgreementStatus>
{
    public async ValueTask<AgreementStatus> Handle(LiftSuspensionCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        List<Notification> sent;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var agreement = await db.Agreements.SingleOrDefaultAsync(a => a.Id == c.AgreementId, cancellationToken)
                ?? throw new NotFoundException("There is no agreement with that id.");
            var party = await SuspensionRules.ActingPartyAsync(db, user, agreement, cancellationToken);
            var suspension = await db.Suspensions.SingleOrDefaultAsync(s => s.Id == c.SuspensionId && s.AgreementId == agreement.Id, cancellationToken)
                ?? throw new NotFoundException("There is no such suspension of this agreement.");
            if (!suspension.IsActive || agreement.CurrentSuspensionId != suspension.Id)
            {
                throw SuspendAgreementHandler.Invalid(nameof(c.SuspensionId), "This suspension is not the one in force, so it cannot be lifted.");
            }

            SuspensionRules.EnsureMayRenewOrLift(user, party, suspension, "lift");

            var now = time.GetUtcNow();
            suspension.Finish(SuspensionStatus.Lifted, now, user.DisplayName, c.Reason!.Trim());
            agreement.Reinstate(suspension.Id);
            await SuspensionRules.CancelTimersAsync(db, suspension.Id, cancellationToken);
            sent = await notices.WriteAsync(agreement, suspension, NotificationType.AgreementReinstated, now, cancellationToken);
            await audit.AppendForAgreementAsync(agreement.Id, "SuspensionLifted", new { Status = AgreementStatus.Suspended, SuspensionId = suspension.Id },
                new { agreement.Status, Reason = suspension.EndReason }, cancellationToken);
            if (webhooks is not null)
            {
                await webhooks.RaiseForAgreementAsync(Domain.Webhooks.WebhookEvents.AgreementSuspensionLifted, agreement, suspension, now, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        notices.AfterCommit(sent, []);
        webhooks?.AfterCommit();
        return AgreementStatus.Active;
    }
}
