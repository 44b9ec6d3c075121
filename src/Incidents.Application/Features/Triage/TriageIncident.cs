using FluentValidation;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Security;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Triage;

/// <summary>The DPO classifies the incident, records when SIL became aware (the ICO clock runs from it; the discovery
/// unless moved with a reason, <c>awareAtReason</c>; every move re-plans the reminders and is audited),
/// assigns an owner and scores severity with the ENISA method.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Only SIL's DPO or an administrator may triage an incident.")]
public sealed record TriageIncidentCommand(
    Guid IncidentId,
    int? Version,
    TriageClassification? Classification,
    DateTimeOffset? AwareAt,
    string? AssigneeUserId,
    SeverityInput? Severity,
    string? AwareAtReason = null) : IRequest<ChangeResult>;

public sealed record SeverityInput(
    int? DataProcessingContext,
    bool ChildrensData,
    double? EaseOfIdentification,
    double Confidentiality,
    double Integrity,
    double Availability,
    bool MaliciousIntent);

public sealed record ChangeResult(Guid IncidentId, int Version);

public sealed class TriageIncidentValidator : AbstractValidator<TriageIncidentCommand>
{
    public TriageIncidentValidator(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Version).NotNull().WithMessage("Send the version of the incident you are changing.");
        RuleFor(c => c.Classification).NotNull().WithMessage("Classify the incident.").IsInEnum();
        RuleFor(c => c.AwareAt).Must(a => a is null || a <= time.GetUtcNow()).WithMessage("When SIL became aware must be in the past.")
            .Must(a => a is null || a.Value.Year >= 2000).WithMessage("Enter a date after 1 January 2000.");
        RuleFor(c => c.AssigneeUserId).MaximumLength(450);
        RuleFor(c => c.AwareAtReason).MaximumLength(2000);
        When(c => c.Severity is not null, () =>
        {
            RuleFor(c => c.Severity!.DataProcessingContext).NotNull().InclusiveBetween(1, 4)
                .WithMessage("The data processing context is 1 (simple), 2 (behavioural), 3 (financial) or 4 (sensitive).");
            RuleFor(c => c.Severity!.EaseOfIdentification).NotNull()
                .Must(v => v is null || EnisaScore.EaseOfIdentificationValues.Contains(v.Value))
                .WithMessage("Ease of identification is 0.25, 0.5, 0.75 or 1.");
            RuleFor(c => c.Severity!.Confidentiality).Must(v => EnisaScore.CircumstanceValues.Contains(v)).WithMessage("Loss of confidentiality adds 0, 0.25 or 0.5.");
            RuleFor(c => c.Severity!.Integrity).Must(v => EnisaScore.CircumstanceValues.Contains(v)).WithMessage("Loss of integrity adds 0, 0.25 or 0.5.");
            RuleFor(c => c.Severity!.Availability).Must(v => EnisaScore.CircumstanceValues.Contains(v)).WithMessage("Loss of availability adds 0, 0.25 or 0.5.");
        });
    }
}

public sealed class TriageIncidentHandler(IncidentEditor editor, UserManager<ApplicationUser> users, Common.Interfaces.IIncidentsDb db)
    : IRequestHandler<TriageIncidentCommand, ChangeResult>
{
    public async ValueTask<ChangeResult> Handle(TriageIncidentCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        (string, string, string)? assignee = null;
        if (!string.IsNullOrEmpty(command.AssigneeUserId))
        {
            var user = await users.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == command.AssigneeUserId, cancellationToken);
            if (user is null || !await Assignees.MayOwnAsync(users, db, user, cancellationToken))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(command.AssigneeUserId), "Assign the incident to SIL's DPO, a SIL designated officer or an administrator.")]);
            }

            assignee = (user.Id, user.DisplayName, user.Email ?? string.Empty);
        }

        var severity = command.Severity is { } s
            ? new EnisaScore(s.DataProcessingContext!.Value, s.ChildrensData, s.EaseOfIdentification!.Value, s.Confidentiality, s.Integrity, s.Availability, s.MaliciousIntent)
            : null;

        var version = await editor.ChangeAsync(command.IncidentId, command.Version!.Value, (incident, now) =>
        {
            var before = Snapshot(incident);
            incident.Triage(command.Classification!.Value, command.AwareAt ?? incident.AwareAt, assignee, severity ?? incident.SeverityAssessment, now, command.AwareAtReason);
            return Task.FromResult(new IncidentEditor.Change("Triaged", before, Snapshot(incident), ReplanReminders: true));
        }, cancellationToken);
        return new ChangeResult(command.IncidentId, version);
    }

    private static object Snapshot(Incident i) => new
    {
        i.Status,
        i.Classification,
        i.AwareAt,
        i.AwareAtReason,
        IcoDeadline = i.IcoDeadline,
        Assignee = i.AssigneeName,
        i.Severity,
        i.SeverityScore,
    };
}
