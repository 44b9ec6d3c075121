using FluentValidation;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Triage;

/// <summary>Closes an incident with the lessons learned. Open actions block it unless forced with a reason.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Only SIL's DPO or an administrator may close an incident.")]
public sealed record CloseIncidentCommand(Guid IncidentId, int? Version, string? LessonsLearned, bool Force = false, string? ForceReason = null)
    : IRequest<ChangeResult>;

[RequiresRole(Roles.Dpo, Roles.Admin, Message = "Only SIL's DPO or an administrator may reopen an incident.")]
public sealed record ReopenIncidentCommand(Guid IncidentId, int? Version, string? Reason) : IRequest<ChangeResult>;

public sealed class CloseIncidentValidator : AbstractValidator<CloseIncidentCommand>
{
    public CloseIncidentValidator()
    {
        RuleFor(c => c.Version).NotNull().WithMessage("Send the version of the incident you are changing.");
        RuleFor(c => c.LessonsLearned).NotEmpty().WithMessage("Record the lessons learned.").MaximumLength(10_000);
        RuleFor(c => c.ForceReason).NotEmpty().When(c => c.Force).WithMessage("Give the reason for closing with actions still open.").MaximumLength(2000);
    }
}

public sealed class ReopenIncidentValidator : AbstractValidator<ReopenIncidentCommand>
{
    public ReopenIncidentValidator()
    {
        RuleFor(c => c.Version).NotNull().WithMessage("Send the version of the incident you are changing.");
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Give the reason for reopening.").MaximumLength(2000);
    }
}

public sealed class CloseIncidentHandler(IncidentEditor editor, IIncidentsDb db) : IRequestHandler<CloseIncidentCommand, ChangeResult>
{
    public async ValueTask<ChangeResult> Handle(CloseIncidentCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        var version = await editor.ChangeAsync(c.IncidentId, c.Version!.Value, async (incident, now) =>
        {
            var open = await db.IncidentActions.CountAsync(a => a.IncidentId == incident.Id && a.CompletedAt == null, cancellationToken);
            incident.Close(c.LessonsLearned!.Trim(), open, c.Force, c.ForceReason?.Trim(), now);
            return new IncidentEditor.Change("Closed", new { Status = IncidentStatus.Triaged }, new { incident.Status, incident.LessonsLearned, OpenActions = open, incident.ClosureNote }, ReplanReminders: true);
        }, cancellationToken);
        return new ChangeResult(c.IncidentId, version);
    }
}

public sealed class ReopenIncidentHandler(IncidentEditor editor) : IRequestHandler<ReopenIncidentCommand, ChangeResult>
{
    public async ValueTask<ChangeResult> Handle(ReopenIncidentCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);
        var version = await editor.ChangeAsync(c.IncidentId, c.Version!.Value, (incident, now) =>
        {
            incident.Reopen(c.Reason!.Trim());
            return Task.FromResult(new IncidentEditor.Change("Reopened", new { Status = IncidentStatus.Closed }, new { incident.Status, Reason = c.Reason!.Trim() }, ReplanReminders: true));
        }, cancellationToken);
        return new ChangeResult(c.IncidentId, version);
    }
}
