using FluentValidation;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Application.Common.Timers;
using Incidents.Domain.Discrepancies;
using Incidents.Domain.Notifications;
using Incidents.Domain.Timers;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Discrepancies;

/// <summary>The provider's correction of one UPN's value: the correct value (or what was done), and what it held.</summary>
public sealed record CorrectionInput(string? Upn, string? Correction, string? ProviderHolds = null);

/// <summary>The provider records the corrections, per UPN (clause 9.6). <c>version</c>, when sent, must be the current one.</summary>
[RequiresSignIn]
public sealed record RecordCorrectionsCommand(Guid DiscrepancyId, int? Version, IReadOnlyList<CorrectionInput?>? Corrections) : IRequest<DiscrepancyDetails>;

/// <summary>The user's party confirms the corrections; with both parties' confirmations the discrepancy is closed.</summary>
[RequiresSignIn]
public sealed record ConfirmDiscrepancyCommand(Guid DiscrepancyId, int? Version) : IRequest<DiscrepancyDetails>;

public sealed class RecordCorrectionsValidator : AbstractValidator<RecordCorrectionsCommand>
{
    public RecordCorrectionsValidator()
    {
        RuleFor(c => c.Corrections).NotEmpty().WithMessage("Record the correction of at least one UPN.")
            .Must(c => c is null || c.Count <= Discrepancy.MaxUpns).WithMessage($"Record at most {Discrepancy.MaxUpns} corrections at once.");
        RuleForEach(c => c.Corrections).NotNull().WithMessage("Give the UPN and its correction.").ChildRules(c =>
        {
            c.RuleFor(x => x!.Upn).Must(u => Upn.Parse(u).IsValid).WithMessage((_, u) => Upn.Parse(u).Error ?? "Enter a UPN.");
            c.RuleFor(x => x!.Correction).NotEmpty().WithMessage("Enter the correct value, or what was done to correct it.")
                .MaximumLength(DiscrepancyRow.ValueMaxLength).WithMessage($"The correction must be {DiscrepancyRow.ValueMaxLength} characters or fewer.");
            c.RuleFor(x => x!.ProviderHolds).MaximumLength(DiscrepancyRow.ValueMaxLength).WithMessage($"What you held must be {DiscrepancyRow.ValueMaxLength} characters or fewer.");
        });
    }
}

public sealed class RecordCorrectionsHandler(IIncidentsDb db, ICurrentUser user, IAuditTrail audit, ISender sender, TimeProvider time)
    : IRequestHandler<RecordCorrectionsCommand, DiscrepancyDetails>
{
    public async ValueTask<DiscrepancyDetails> Handle(RecordCorrectionsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var discrepancy = await DiscrepancyLoad.ForChangeAsync(db, user, command.DiscrepancyId, command.Version, cancellationToken);
            var party = DiscrepancyAccess.ActingParty(user, discrepancy);
            if (!discrepancy.MayCorrect(party))
            {
                throw new ForbiddenException("Only the party that provided the data records its correction.");
            }

            var now = time.GetUtcNow();
            var before = new { discrepancy.Status, discrepancy.Version };
            var corrected = new List<string>();
            foreach (var input in command.Corrections!)
            {
                var upn = Upn.Parse(input!.Upn).Upn!.Value;
                discrepancy.RecordCorrection(party, upn, input.Correction!, input.ProviderHolds, user.DisplayName, now);
                corrected.Add(upn);
            }

            await audit.AppendForAgreementAsync(discrepancy.AgreementId, "DiscrepancyCorrected", before, new
            {
                DiscrepancyId = discrepancy.Id,
                discrepancy.Reference,
                discrepancy.Status,
                discrepancy.Version,
                Corrected = corrected,
                Uncorrected = discrepancy.Uncorrected,
            }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return await sender.Send(new GetDiscrepancyQuery(command.DiscrepancyId), cancellationToken);
    }
}

/// <summary>Each confirmation is told: the other party's designated officers when one party confirms, both parties'
/// when the second confirmation closes it (no values in the email).</summary>
public sealed class ConfirmDiscrepancyHandler(IIncidentsDb db, ICurrentUser user, IAuditTrail audit, ISender sender, TimeProvider time, DiscrepancyNotices notices)
    : IRequestHandler<ConfirmDiscrepancyCommand, DiscrepancyDetails>
{
    public async ValueTask<DiscrepancyDetails> Handle(ConfirmDiscrepancyCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        List<Notification> sent;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var discrepancy = await DiscrepancyLoad.ForChangeAsync(db, user, command.DiscrepancyId, command.Version, cancellationToken);
            var party = DiscrepancyAccess.ActingParty(user, discrepancy);
            var now = time.GetUtcNow();
            var before = new { discrepancy.Status, discrepancy.Version };
            var closed = discrepancy.Confirm(party, user.DisplayName, now);
            if (closed)
            {
                await db.Timers.Where(t => t.Kind == TimerKinds.DiscrepancyReminder && t.SubjectId == discrepancy.Id && t.Status == TimerStatus.Pending)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled), cancellationToken);
            }

            await audit.AppendForAgreementAsync(discrepancy.AgreementId, closed ? "DiscrepancyClosed" : "DiscrepancyConfirmed", before, new
            {
                DiscrepancyId = discrepancy.Id,
                discrepancy.Reference,
                discrepancy.Status,
                discrepancy.Version,
                ConfirmedFor = party,
            }, cancellationToken);
            sent = closed
                ? [
                    .. await notices.WriteAsync(discrepancy, NotificationType.DiscrepancyClosed, now, cancellationToken, discrepancy.SchoolOrganisationId),
                    .. await notices.WriteAsync(discrepancy, NotificationType.DiscrepancyClosed, now, cancellationToken, discrepancy.SilOrganisationId),
                ]
                : await notices.WriteAsync(discrepancy, NotificationType.DiscrepancyConfirmed, now, cancellationToken,
                    party == discrepancy.SchoolOrganisationId ? discrepancy.SilOrganisationId : discrepancy.SchoolOrganisationId);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        notices.AfterCommit(sent, []);

        return await sender.Send(new GetDiscrepancyQuery(command.DiscrepancyId), cancellationToken);
    }
}

internal static class DiscrepancyLoad
{
    /// <summary>The discrepancy with its rows, tracked, if the user may see it (404 otherwise); a stale version is a 409.</summary>
    public static async Task<Discrepancy> ForChangeAsync(IIncidentsDb db, ICurrentUser user, Guid id, int? version, CancellationToken cancellationToken)
    {
        var discrepancy = await db.Set<Discrepancy>().Include(d => d.Rows).VisibleTo(user).SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new NotFoundException("There is no discrepancy with that id that you may see.");
        if (version is { } v && v != discrepancy.Version)
        {
            throw new ConflictException($"Someone else changed {discrepancy.Reference} first. Reload it and make your change again.");
        }

        return discrepancy;
    }
}

/// <summary>A discrepancy's reminder fired: remind the provider's designated officers that it is due soon or overdue,
/// unless it was closed, or a later reminder of it is also due (the app was down: only the latest is sent).</summary>
public sealed class DiscrepancyReminderTimerHandler(IIncidentsDb db, IAuditTrail audit, DiscrepancyNotices notices) : ITimerHandler
{
    public string Kind => TimerKinds.DiscrepancyReminder;

    public async Task<TimerOutcome> FireAsync(DurableTimer timer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var discrepancy = await db.Set<Discrepancy>().AsNoTracking().Include(d => d.Rows).SingleOrDefaultAsync(d => d.Id == timer.SubjectId, cancellationToken);
        if (discrepancy is null || discrepancy.Status == DiscrepancyStatus.Closed)
        {
            return TimerOutcome.Moot;
        }

        var laterDue = await db.Timers.AnyAsync(t => t.Kind == TimerKinds.DiscrepancyReminder && t.SubjectId == discrepancy.Id && t.Id != timer.Id
            && t.Status == TimerStatus.Pending && t.DueAt > timer.DueAt && t.DueAt <= now, cancellationToken);
        if (laterDue)
        {
            return TimerOutcome.Moot;
        }

        var sent = await notices.WriteAsync(discrepancy, NotificationType.DiscrepancyReminder, now, cancellationToken);
        await audit.AppendForAgreementAsync(discrepancy.AgreementId, "DiscrepancyReminderSent", null, new
        {
            DiscrepancyId = discrepancy.Id,
            discrepancy.Reference,
            Reminder = timer.Argument,
            Notified = sent.Select(n => n.RecipientEmail),
        }, cancellationToken);
        return TimerOutcome.Done(sent.Select(n => n.Id));
    }
}
