using FluentValidation;
using FluentValidation.Results;
using Incidents.Application.Common;
using Incidents.Application.Common.Audit;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Common;
using Incidents.Domain.Discrepancies;
using Incidents.Domain.Organisations;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Discrepancies;

/// <summary>What each side holds of the data item for one UPN (optional, by the UPN's position in <c>upns</c>).</summary>
public sealed record HeldValues(string? RaiserHolds, string? ProviderHolds);

/// <summary>A party to an agreement found that the shared data disagrees (clause 9.6): the UPNs of the pupils, the data
/// item in dispute, which party provided the data, and what was found. The raiser is the signed-in user's organisation.</summary>
[RequiresSignIn]
public sealed record RaiseDiscrepancyCommand(
    Guid? AgreementId,
    string? DataItem,
    Guid? ProviderOrganisationId,
    IReadOnlyList<string?>? Upns,
    string? Details,
    IReadOnlyList<HeldValues?>? Held = null) : IRequest<DiscrepancyRaised>;

public sealed record DiscrepancyRaised(Guid Id, string Reference, DateOnly DueDate, string DueBy, IReadOnlyList<string> Notified);

public sealed class RaiseDiscrepancyValidator : AbstractValidator<RaiseDiscrepancyCommand>
{
    public RaiseDiscrepancyValidator()
    {
        RuleFor(c => c.AgreementId).NotEmpty().WithMessage("Choose the information sharing agreement the data was shared under.");
        RuleFor(c => c.DataItem).NotEmpty().WithMessage("Enter the data item in dispute, for example date of birth.")
            .MaximumLength(Discrepancy.DataItemMaxLength).WithMessage($"The data item must be {Discrepancy.DataItemMaxLength} characters or fewer.");
        RuleFor(c => c.ProviderOrganisationId).NotEmpty().WithMessage("Choose which party provided the data.");
        RuleFor(c => c.Details).MaximumLength(Discrepancy.DetailsMaxLength).WithMessage($"The details must be {Discrepancy.DetailsMaxLength} characters or fewer.");
        RuleFor(c => c.Upns).NotEmpty().WithMessage("Give the UPN of at least one pupil.")
            .Must(u => u is null || u.Count <= Discrepancy.MaxUpns).WithMessage($"Give at most {Discrepancy.MaxUpns} UPNs in one discrepancy.");
        RuleForEach(c => c.Upns).Custom((value, context) =>
        {
            var parsed = Upn.Parse(value);
            if (!parsed.IsValid)
            {
                context.AddFailure(parsed.Error!);
                return;
            }

            var all = context.InstanceToValidate.Upns!;
            var index = IndexOf(context.PropertyPath);
            for (var i = 0; i < index && i < all.Count; i++)
            {
                if (string.Equals((all[i] ?? string.Empty).Trim().ToUpperInvariant(), parsed.Upn!.Value, StringComparison.Ordinal))
                {
                    context.AddFailure($"{parsed.Upn.Value} is given twice; give each pupil once.");
                    return;
                }
            }
        }).When(c => c.Upns is { Count: <= Discrepancy.MaxUpns });
        RuleFor(c => c.Held).Must((c, held) => held is null || held.Count <= (c.Upns?.Count ?? 0))
            .WithMessage("Give what each side holds for at most as many pupils as there are UPNs.");
        RuleForEach(c => c.Held).ChildRules(h =>
        {
            h.RuleFor(x => x!.RaiserHolds).MaximumLength(DiscrepancyRow.ValueMaxLength).WithMessage($"What you hold must be {DiscrepancyRow.ValueMaxLength} characters or fewer.");
            h.RuleFor(x => x!.ProviderHolds).MaximumLength(DiscrepancyRow.ValueMaxLength).WithMessage($"What the provider holds must be {DiscrepancyRow.ValueMaxLength} characters or fewer.");
        }).When(c => c.Held is not null);
    }

    private static int IndexOf(string path)
    {
        var open = path.LastIndexOf('[');
        return open >= 0 && int.TryParse(path[(open + 1)..^1], out var i) ? i : -1;
    }
}

public sealed class RaiseDiscrepancyHandler(
    IIncidentsDb db,
    ICurrentUser user,
    IAuditTrail audit,
    DiscrepancyNotices notices,
    DiscrepancySettings settings,
    TimeProvider time) : IRequestHandler<RaiseDiscrepancyCommand, DiscrepancyRaised>
{
    public async ValueTask<DiscrepancyRaised> Handle(RaiseDiscrepancyCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.Dpo))
        {
            throw new ForbiddenException("Administrators keep the register but do not raise discrepancies for a party.");
        }

        var me = user.OrganisationId;
        var agreement = await db.Agreements.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == command.AgreementId && (a.SchoolOrganisationId == me || a.SilOrganisationId == me), cancellationToken)
            ?? throw new NotFoundException("There is no agreement with that id that your organisation is a party to.");
        if (agreement.Status == AgreementStatus.Terminated)
        {
            throw Invalid(nameof(command.AgreementId), "This agreement has been terminated; a discrepancy is raised under an agreement in force.");
        }

        var provider = command.ProviderOrganisationId!.Value;
        if (!agreement.IsParty(provider))
        {
            throw Invalid(nameof(command.ProviderOrganisationId), "The provider must be one of the two parties to the agreement.");
        }

        var rows = command.Upns!
            .Select((u, i) => (Upn.Parse(u).Upn!, Clean(command.Held?.ElementAtOrDefault(i)?.RaiserHolds), Clean(command.Held?.ElementAtOrDefault(i)?.ProviderHolds)))
            .ToList();
        var now = time.GetUtcNow();
        var year = LondonTime.ToLondon(now).Year;
        await YearCounters.EnsureAsync(db, year, y => new DiscrepancyCounter(y, 0), cancellationToken);

        Discrepancy discrepancy;
        List<Domain.Notifications.Notification> sent;
        IReadOnlyList<Domain.Timers.DurableTimer> planned;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var number = await YearCounters.NextAsync<DiscrepancyCounter>(db, year, cancellationToken);
            discrepancy = new Discrepancy(Guid.CreateVersion7(now), DiscrepancyReference.Format(year, number), agreement.Id, agreement.SchoolOrganisationId,
                agreement.SilOrganisationId, me, provider, command.DataItem!.Trim(), command.Details?.Trim() ?? string.Empty, user.UserId, user.DisplayName, now,
                settings.ResolveWithinWorkingDays, rows);
            db.Set<Discrepancy>().Add(discrepancy);
            planned = DiscrepancyReminder.For(discrepancy, now, () => Guid.CreateVersion7(now));
            db.Timers.AddRange(planned);
            sent = await notices.WriteAsync(discrepancy, Domain.Notifications.NotificationType.DiscrepancyRaised, now, cancellationToken);
            await audit.AppendForAgreementAsync(agreement.Id, "DiscrepancyRaised", null, new
            {
                DiscrepancyId = discrepancy.Id,
                discrepancy.Reference,
                discrepancy.DataItem,
                Upns = discrepancy.Rows.Count,
                discrepancy.RaisedByOrganisationId,
                discrepancy.ProviderOrganisationId,
                discrepancy.DueDate,
                Notified = sent.Select(n => n.RecipientEmail),
            }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        notices.AfterCommit(sent, planned);
        return new DiscrepancyRaised(discrepancy.Id, discrepancy.Reference, discrepancy.DueDate, DiscrepancyText.Date(discrepancy.DueDate),
            sent.Select(n => n.RecipientEmail).ToList());
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
