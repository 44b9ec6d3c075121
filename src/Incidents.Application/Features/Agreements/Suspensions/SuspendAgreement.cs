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

/// <summary>Clause 10: suspend the agreement for the suspension period on evidence of a serious breach: a reason and
/// at least one incident of this agreement. While suspended, <c>renew</c> replaces the end with a fresh period.</summary>
[RequiresRole(Roles.Dpo, Roles.DesignatedOfficer, Message = "Only SIL's DPO or a designated officer of a party to this agreement may suspend or lift it.")]
public sealed record SuspendAgreementCommand(Guid AgreementId, string? Reason, string? Evidence, IReadOnlyList<Guid>? IncidentIds, bool Renew = false)
    : IRequest<SuspensionCreated>;

public sealed record SuspensionCreated(Guid Id, Guid AgreementId, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string EndsAtLocal, Guid? Replaces);

public sealed class SuspendAgreementValidator : AbstractValidator<SuspendAgreementCommand>
{
    public SuspendAgreementValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Give the reason for suspending the agreement.").MaximumLength(4000);
        RuleFor(c => c.Evidence).MaximumLength(10_000);
        RuleFor(c => c.IncidentIds).NotEmpty().WithMessage("Link at least one incident as evidence of a serious breach.")
            .Must(ids => ids is null || ids.Count <= 100).WithMessage("Link at most 100 incidents.");
    }
}

public sealed class SuspendAgreementHandler(
    IIncidentsDb db,
    ICurrentUser user,
    IAuditTrail audit,
    SuspensionSettings settings,
    SuspensionNotices notices,
    TimeProvider time,
    Webhooks.WebhookOutbox? webhooks = null) : IRequestHandler<SuspendAgreementCommand, SuspensionCreated>
{
    public async ValueTask<SuspensionCreated> Handle(SuspendAgreementCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        Suspension suspension;
        Guid? replaced;
        IReadOnlyList<DurableTimer> timers;
        List<Notification> sent;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var agreement = await db.Agreements.SingleOrDefaultAsync(a => a.Id == c.AgreementId, cancellationToken)
                ?? throw new NotFoundException("There is no agreement with that id.");
            var party = await SuspensionRules.ActingPartyAsync(db, user, agreement, cancellationToken);
            var previous = c.Renew && agreement.CurrentSuspensionId is { } currentId
                ? await db.Suspensions.SingleAsync(s => s.Id == currentId, cancellationToken)
                : null;
            if (previous is not null)
            {
                SuspensionRules.EnsureMayRenewOrLift(user, party, previous, "renew");
            }

            var ids = c.IncidentIds!.Distinct().ToList();
            var found = await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.Id) && i.AgreementId == agreement.Id).Select(i => i.Id).ToListAsync(cancellationToken);
            if (found.Count != ids.Count)
            {
                throw Invalid(nameof(c.IncidentIds), "Every linked incident must be one reported under this agreement.");
            }

            if (agreement.Status == AgreementStatus.Terminated)
            {
                throw Invalid("agreement", "A terminated agreement cannot be suspended.");
            }

            if (agreement.Status == AgreementStatus.Suspended && !c.Renew)
            {
                throw Invalid(nameof(c.Renew), "The agreement is already suspended. To extend it with new evidence, renew the suspension.");
            }

            if (agreement.Status != AgreementStatus.Suspended && c.Renew)
            {
                throw Invalid(nameof(c.Renew), "The agreement is not suspended, so there is nothing to renew.");
            }

            var now = time.GetUtcNow();
            var endsAt = SuspensionCalendar.Add(now, settings.Period);
            replaced = previous?.Id;
            if (previous is not null)
            {
                // A renewal keeps the party that imposed the suspension (so only it or SIL's DPO may lift it) and records who renewed.
                suspension = previous.Renewal(Guid.CreateVersion7(now), party, user.UserId, user.DisplayName, c.Reason!.Trim(), c.Evidence?.Trim() ?? string.Empty,
                    ids, now, endsAt);
                previous.Finish(SuspensionStatus.Replaced, now, user.DisplayName, "Renewed with new evidence.");
                await SuspensionRules.CancelTimersAsync(db, previous.Id, cancellationToken);
            }
            else
            {
                suspension = new Suspension(Guid.CreateVersion7(now), agreement.Id, party, user.UserId, user.DisplayName, c.Reason!.Trim(), c.Evidence?.Trim() ?? string.Empty,
                    ids, now, endsAt, null);
            }

            db.Suspensions.Add(suspension);
            agreement.Suspend(suspension.Id);
            timers = SuspensionTimer.For(suspension, settings.ReminderOffsets, now, () => Guid.CreateVersion7(now));
            db.Timers.AddRange(timers);
            sent = await notices.WriteAsync(agreement, suspension, NotificationType.AgreementSuspended, now, cancellationToken);
            await audit.AppendForAgreementAsync(agreement.Id, replaced is null ? "AgreementSuspended" : "SuspensionRenewed",
                new { Status = replaced is null ? AgreementStatus.Active : AgreementStatus.Suspended, Replaces = replaced },
                new { agreement.Status, SuspensionId = suspension.Id, suspension.StartsAt, suspension.EndsAt, suspension.Reason, Incidents = ids, suspension.SuspendedByOrganisationId, suspension.RenewedByOrganisationId },
                cancellationToken);
            if (webhooks is not null)
            {
                await webhooks.RaiseForAgreementAsync(replaced is null ? Domain.Webhooks.WebhookEvents.AgreementSuspended : Domain.Webhooks.WebhookEvents.AgreementSuspensionRenewed,
                    agreement, suspension, now, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        notices.AfterCommit(sent, timers);
        webhooks?.AfterCommit();
        return new SuspensionCreated(suspension.Id, suspension.AgreementId, suspension.StartsAt, suspension.EndsAt, Domain.Common.LondonTime.Format(suspension.EndsAt), replaced);
    }

    internal static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
