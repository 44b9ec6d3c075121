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
