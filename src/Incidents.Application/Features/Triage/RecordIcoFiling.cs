using FluentValidation;
using FluentValidation.Results;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Incidents;
using Mediator;

namespace Incidents.Application.Features.Triage;

/// <summary>Records a report made to the ICO, with what was sent (Art. 33(3)). Late initial reports need a reason.
/// The initial report ends the reminders; <c>followUpExpected</c> says more will follow (reporting in phases).</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Only SIL's DPO or an administrator may record a report to the ICO.")]
public sealed record RecordIcoFilingCommand(
    Guid IncidentId,
    int? Version,
    DateTimeOffset? SubmittedAt,
    string? IcoCaseReference,
    FilingPhase? Phase,
    string? Nature,
    string? DataSubjectCategories,
    int? ApproximateDataSubjects,
    int? ApproximateRecords,
    string? DpoContact,
    string? LikelyConsequences,
    string? Measures,
    string? LateReason,
    bool FollowUpExpected = false) : IRequest<RecordedResult>;

public sealed record RecordedResult(Guid Id, Guid IncidentId, int Version);

public sealed class RecordIcoFilingValidator : AbstractValidator<RecordIcoFilingCommand>
{
    public const int TextMaxLength = 10_000;

    public RecordIcoFilingValidator(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Version).NotNull().WithMessage("Send the version of the incident you are changing.");
        RuleFor(c => c.SubmittedAt).NotNull().WithMessage("Enter when it was submitted to the ICO.")
            .Must(s => s <= time.GetUtcNow() + TimeSpan.FromMinutes(5)).WithMessage("When it was submitted must be in the past.");
        RuleFor(c => c.IcoCaseReference).NotEmpty().WithMessage("Enter the ICO case reference.").MaximumLength(50)
            .Must(s => s is null || !s.Any(char.IsControl)).WithMessage("The ICO case reference must be one line.");
        RuleFor(c => c.Phase).NotNull().WithMessage("Say whether this is the initial report or a follow-up.").IsInEnum();
        RuleFor(c => c.Nature).NotEmpty().WithMessage("Describe the nature of the breach.").MaximumLength(TextMaxLength);
        RuleFor(c => c.DataSubjectCategories).NotEmpty().WithMessage("Give the categories of people affected.").MaximumLength(2000);
        RuleFor(c => c.ApproximateDataSubjects).NotNull().WithMessage("Give the approximate number of people.").InclusiveBetween(0, 100_000_000);
        RuleFor(c => c.ApproximateRecords).InclusiveBetween(0, 1_000_000_000);
        RuleFor(c => c.DpoContact).NotEmpty().WithMessage("Give the DPO's name and contact details.").MaximumLength(1000);
        RuleFor(c => c.LikelyConsequences).NotEmpty().WithMessage("Describe the likely consequences.").MaximumLength(TextMaxLength);
        RuleFor(c => c.Measures).NotEmpty().WithMessage("Describe the measures taken or proposed.").MaximumLength(TextMaxLength);
        RuleFor(c => c.LateReason).MaximumLength(TextMaxLength);
    }
}

public sealed class RecordIcoFilingHandler(IncidentEditor editor, IIncidentsDb db) : IRequestHandler<RecordIcoFilingCommand, RecordedResult>
{
    public async ValueTask<RecordedResult> Handle(RecordIcoFilingCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        var id = Guid.Empty;
        var version = await editor.ChangeAsync(c.IncidentId, c.Version!.Value, (incident, now) =>
        {
            incident.EnsureOpen();
            if (incident.Decision is not { } decision || !decision.RequiresIco())
            {
                throw Invalid(nameof(c.Phase), "Record a decision to report to the ICO before recording a filing.");
            }

            var late = c.Phase == FilingPhase.Initial && c.SubmittedAt!.Value > incident.IcoDeadline;
            if (late && string.IsNullOrWhiteSpace(c.LateReason))
            {
                throw Invalid(nameof(c.LateReason), "This was submitted after the 72-hour deadline: give the reasons for the delay (Art. 33(1)).");
            }

            var filing = new IcoFiling(Guid.CreateVersion7(now), incident.Id, c.SubmittedAt!.Value, c.IcoCaseReference!.Trim(), c.Phase!.Value,
                c.Nature!.Trim(), c.DataSubjectCategories!.Trim(), c.ApproximateDataSubjects!.Value, c.ApproximateRecords,
                c.DpoContact!.Trim(), c.LikelyConsequences!.Trim(), c.Measures!.Trim(), late ? c.LateReason!.Trim() : c.LateReason?.Trim(), editor.ActorName, now,
                c.Phase == FilingPhase.Initial && c.FollowUpExpected);
            db.IcoFilings.Add(filing);
            incident.Touch();
            id = filing.Id;
            return Task.FromResult(new IncidentEditor.Change("IcoFilingRecorded", null, new
            {
                filing.Phase,
                filing.SubmittedAt,
                filing.CaseReference,
                Late = late,
                filing.LateReason,
                filing.FollowUpExpected,
            }, ReplanReminders: true));
        }, cancellationToken);
        return new RecordedResult(id, c.IncidentId, version);
    }

    internal static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
