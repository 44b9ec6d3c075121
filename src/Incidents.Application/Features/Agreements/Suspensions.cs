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

/// <summary>Lifts the current suspension early: the agreement is back in force now and its timers do nothing.</summary>
[RequiresRole(Roles.Dpo, Roles.DesignatedOfficer, Message = "Only SIL's DPO or a designated officer of a party to this agreement may suspend or lift it.")]
public sealed record LiftSuspensionCommand(Guid AgreementId, Guid SuspensionId, string? Reason) : IRequest<AgreementStatus>;

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

public sealed class LiftSuspensionValidator : AbstractValidator<LiftSuspensionCommand>
{
    public LiftSuspensionValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Give the reason for lifting the suspension.").MaximumLength(4000);
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

/// <summary>A suspension's reminder timer fired: remind the parties the suspension ends soon, unless the suspension was
/// lifted or replaced, or a later timer of it is also due (the app was down: a stale reminder is not sent late).</summary>
public sealed class SuspensionReminderTimerHandler(IIncidentsDb db, IAuditTrail audit, SuspensionNotices notices) : ITimerHandler
{
    public string Kind => TimerKinds.SuspensionReminder;

    public async Task<TimerOutcome> FireAsync(DurableTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (await SuspensionRules.InForceAsync(db, timer.SubjectId, cancellationToken) is not { } inForce)
        {
            return TimerOutcome.Moot;
        }

        var (suspension, agreement) = inForce;

        var laterDue = await SuspensionRules.TimersOf(db, suspension.Id)
            .AnyAsync(t => t.Status == TimerStatus.Pending && t.DueAt > timer.DueAt && t.DueAt <= now, cancellationToken);
        if (laterDue)
        {
            return TimerOutcome.Moot;
        }

        var sent = await notices.WriteAsync(agreement, suspension, NotificationType.SuspensionEndingSoon, now, cancellationToken);
        await audit.AppendForAgreementAsync(agreement.Id, "SuspensionReminderSent", null, new { SuspensionId = suspension.Id, suspension.EndsAt }, cancellationToken);
        return TimerOutcome.Done(sent.Select(n => n.Id));
    }
}

/// <summary>A suspension's end timer fired: reinstate the agreement automatically and tell the parties, unless the
/// suspension was lifted or replaced. Never early: a timer is only claimed once due.</summary>
public sealed class SuspensionReinstatementTimerHandler(IIncidentsDb db, IAuditTrail audit, SuspensionNotices notices, Webhooks.WebhookOutbox? webhooks = null) : ITimerHandler
{
    public string Kind => TimerKinds.SuspensionReinstatement;

    public async Task<TimerOutcome> FireAsync(DurableTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (await SuspensionRules.InForceAsync(db, timer.SubjectId, cancellationToken) is not { } inForce)
        {
            return TimerOutcome.Moot;
        }

        var (suspension, agreement) = inForce;

        // Missed reminders are moot once the suspension has ended.
        await SuspensionRules.TimersOf(db, suspension.Id).Where(t => t.Id != timer.Id && t.Status == TimerStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled), cancellationToken);
        suspension.Finish(SuspensionStatus.Ended, now, "Incidents (automatic)", "The suspension period ended.");
        agreement.Reinstate(suspension.Id);
        var sent = await notices.WriteAsync(agreement, suspension, NotificationType.AgreementReinstated, now, cancellationToken);
        await audit.AppendForAgreementAsync(agreement.Id, "AgreementReinstated", new { Status = AgreementStatus.Suspended, SuspensionId = suspension.Id },
            new { agreement.Status, Automatic = true }, cancellationToken);
        if (webhooks is not null)
        {
            // Written with the reinstatement; FireTimerHandler asks for delivery after its commit.
            await webhooks.RaiseForAgreementAsync(Domain.Webhooks.WebhookEvents.AgreementReinstated, agreement, suspension, now, cancellationToken);
        }

        return TimerOutcome.Done(sent.Select(n => n.Id));
    }
}

internal static class SuspensionRules
{
    /// <summary>The party on whose behalf the user acts: SIL's DPO acts for SIL on any agreement; a designated
    /// officer acts for their own organisation, which must be a party to this agreement.</summary>
    public static async Task<Guid> ActingPartyAsync(IIncidentsDb db, ICurrentUser user, Agreement agreement, CancellationToken cancellationToken)
    {
        if (ActingPartyOrNull(user, agreement) is { } party)
        {
            return party;
        }

        await Task.CompletedTask;
        throw new ForbiddenException("Only SIL's DPO or a designated officer of a party to this agreement may suspend or lift it.");
    }

    /// <summary>Clause 10: only SIL's DPO or the party that imposed the suspension may renew or lift it
    /// (<see cref="Suspension.MayBeRenewedOrLiftedBy"/>). 403 otherwise.</summary>
    public static void EnsureMayRenewOrLift(ICurrentUser user, Guid actingParty, Suspension suspension, string what)
    {
        if (!suspension.MayBeRenewedOrLiftedBy(actingParty, user.IsInRole(Roles.Dpo)))
        {
            throw new ForbiddenException($"Only SIL's DPO or the party that imposed the suspension may {what} it.");
        }
    }

    /// <summary>The party the user acts for on this agreement, or null when they may not suspend, renew or lift at all.</summary>
    public static Guid? ActingPartyOrNull(ICurrentUser user, Agreement agreement) =>
        user.IsInRole(Roles.Dpo) ? agreement.SilOrganisationId
        : user.IsInRole(Roles.DesignatedOfficer) && agreement.IsParty(user.OrganisationId) ? user.OrganisationId
        : null;

    public static Task CancelTimersAsync(IIncidentsDb db, Guid suspensionId, CancellationToken cancellationToken) =>
        TimersOf(db, suspensionId).Where(t => t.Status == TimerStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled), cancellationToken);

    /// <summary>The reminder and reinstatement timers of one suspension.</summary>
    public static IQueryable<DurableTimer> TimersOf(IIncidentsDb db, Guid suspensionId) =>
        db.Timers.Where(t => t.SubjectId == suspensionId && (t.Kind == TimerKinds.SuspensionReminder || t.Kind == TimerKinds.SuspensionReinstatement));

    /// <summary>The suspension and its agreement (tracked), if the suspension is still the one in force; else null.</summary>
    public static async Task<(Suspension Suspension, Agreement Agreement)?> InForceAsync(IIncidentsDb db, Guid suspensionId, CancellationToken cancellationToken)
    {
        var suspension = await db.Suspensions.SingleAsync(s => s.Id == suspensionId, cancellationToken);
        var agreement = await db.Agreements.SingleAsync(a => a.Id == suspension.AgreementId, cancellationToken);
        return suspension.IsActive && agreement.CurrentSuspensionId == suspension.Id ? (suspension, agreement) : null;
    }
}

/// <summary>Writes the suspension notices as notification rows (inside the caller's transaction) and asks for
/// delivery and timers after commit.</summary>
public sealed class SuspensionNotices(
    IIncidentsDb db,
    INotificationScheduler notifications,
    TimerRequests timers,
    ILogger<SuspensionNotices> logger)
{
    /// <summary>Both parties' designated officers and SIL's DPO.</summary>
    public async Task<List<Notification>> WriteAsync(Agreement agreement, Suspension suspension, NotificationType type, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(suspension);
        var contacts = await db.Contacts.AsNoTracking()
            .Where(c => (c.Role == ContactRole.DesignatedOfficer && (c.OrganisationId == agreement.SchoolOrganisationId || c.OrganisationId == agreement.SilOrganisationId))
                     || (c.Role == ContactRole.Dpo && c.OrganisationId == agreement.SilOrganisationId))
            .ToListAsync(cancellationToken);
        var rows = contacts
            .GroupBy(c => c.Email.Trim().ToUpperInvariant())
            .Select(g => g.First())
            .Select(c => new Notification(Guid.CreateVersion7(now), type, null, c.Name, c.Email, now, suspensionId: suspension.Id))
            .ToList();
        db.Notifications.AddRange(rows);
        return rows;
    }

    public void AfterCommit(IEnumerable<Notification> sent, IEnumerable<DurableTimer> planned)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentNullException.ThrowIfNull(planned);
        JobRequests.Try(logger, sent.Select(n => (Action)(() => notifications.Enqueue(n.Id))));
        timers.AfterCommit(planned);
    }
}
