using FluentValidation;
using Incidents.Application.Common.Security;
using Incidents.Domain.Incidents;
using Mediator;

namespace Incidents.Application.Features.Triage;

/// <summary>The ICO self-assessment: three questions, an outcome and the reasons. A decision not to report is
/// kept with its reasons (Art. 33(5)).</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Only SIL's DPO or an administrator may decide on an incident.")]
public sealed record DecideIncidentCommand(
    Guid IncidentId,
    int? Version,
    bool? PersonalDataOfLivingPeople,
    bool? RiskLikely,
    bool? HighRisk,
    DecisionOutcome? Outcome,
    string? Rationale) : IRequest<ChangeResult>;

public sealed class DecideIncidentValidator : AbstractValidator<DecideIncidentCommand>
{
    public const int RationaleMaxLength = 10_000;

    public DecideIncidentValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Version).NotNull().WithMessage("Send the version of the incident you are changing.");
        RuleFor(c => c.PersonalDataOfLivingPeople).NotNull().WithMessage("Answer: does it involve personal data of living people?");
        RuleFor(c => c.RiskLikely).NotNull().WithMessage("Answer: is it likely to result in a risk to people's rights and freedoms?");
        RuleFor(c => c.HighRisk).NotNull().WithMessage("Answer: is the risk high?");
        RuleFor(c => c.Outcome).NotNull().WithMessage("Choose the decision.").IsInEnum();
        RuleFor(c => c.Rationale).NotEmpty().WithMessage("Give the reasons for the decision.").MaximumLength(RationaleMaxLength);
        RuleFor(c => c.Outcome)
            .Must((c, outcome) => outcome >= IcoSelfAssessment.Required(c.PersonalDataOfLivingPeople!.Value, c.RiskLikely!.Value, c.HighRisk!.Value))
            .When(c => c.PersonalDataOfLivingPeople is not null && c.RiskLikely is not null && c.HighRisk is not null && c.Outcome is not null)
            .WithMessage(c => $"These answers require at least {IcoSelfAssessment.Required(c.PersonalDataOfLivingPeople!.Value, c.RiskLikely!.Value, c.HighRisk!.Value)}.");
    }
}

public sealed class DecideIncidentHandler(IncidentEditor editor) : IRequestHandler<DecideIncidentCommand, ChangeResult>
{
    public async ValueTask<ChangeResult> Handle(DecideIncidentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var version = await editor.ChangeAsync(command.IncidentId, command.Version!.Value, (incident, now) =>
        {
            var before = Snapshot(incident);
            incident.Decide(command.PersonalDataOfLivingPeople!.Value, command.RiskLikely!.Value, command.HighRisk!.Value, command.Outcome!.Value, command.Rationale!.Trim(), editor.ActorName, now);
            return Task.FromResult(new IncidentEditor.Change("Decided", before, Snapshot(incident), ReplanReminders: true));
        }, cancellationToken);
        return new ChangeResult(command.IncidentId, version);
    }

    private static object Snapshot(Incident i) => new
    {
        i.Decision,
        i.DecisionPersonalData,
        i.DecisionRiskLikely,
        i.DecisionHighRisk,
        i.DecisionRationale,
    };
}
