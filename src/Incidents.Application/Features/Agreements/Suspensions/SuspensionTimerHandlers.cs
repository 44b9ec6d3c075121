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
