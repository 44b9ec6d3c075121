using FluentValidation;
using Incidents.Application.Common;
using Incidents.Application.Common.Exceptions;
using Incidents.Application.Common.Interfaces;
using Incidents.Application.Common.Security;
using Incidents.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Incidents.Application.Features.Triage;

/// <summary>A containment or remedial action. The DPO, an admin, or a designated officer of a party may add one.</summary>
[RequiresRole(Roles.Dpo, Roles.Admin, Roles.DesignatedOfficer, Message = "Only the DPO, an administrator or a designated officer may add actions.")]
public sealed record AddActionCommand(Guid IncidentId, int? Version, ActionKind? Kind, string? Description, string? AssignedTo, DateOnly? DueDate)
    : IRequest<RecordedResult>;

[RequiresRole(Roles.Dpo, Roles.Admin, Roles.DesignatedOfficer, Message = "Only the DPO, an administrator or a designated officer may complete actions.")]
public sealed record CompleteActionCommand(Guid IncidentId, Guid ActionId, int? Version, string? Note) : IRequest<RecordedResult>;

public sealed class AddActionValidator : AbstractValidator<AddActionCommand>
{
    public AddActionValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.Version).NotNull().WithMessage("Send the version of the incident you are changing.");
        RuleFor(c => c.Kind).NotNull().WithMessage("Say whether this is containment or remedial.").IsInEnum();
        RuleFor(c => c.Description).ActionDescription();
        RuleFor(c => c.AssignedTo).ActionOwner();
        RuleFor(c => c.DueDate).ActionDueDate();
    }
}

public sealed class CompleteActionValidator : AbstractValidator<CompleteActionCommand>
{
    public CompleteActionValidator()
    {
        RuleFor(c => c.Version).NotNull().WithMessage("Send the version of the incident you are changing.");
        RuleFor(c => c.Note).ActionNote();
    }
}

public sealed class AddActionHandler(IncidentEditor editor, IIncidentsDb db) : IRequestHandler<AddActionCommand, RecordedResult>
{
    public async ValueTask<RecordedResult> Handle(AddActionCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);

        var id = Guid.Empty;
        var version = await editor.ChangeAsync(c.IncidentId, c.Version!.Value, (incident, now) =>
        {
            incident.EnsureOpen();
            var action = new IncidentAction(Guid.CreateVersion7(now), incident.Id, c.Kind!.Value, c.Description!.Trim(), c.AssignedTo!.Trim(), c.DueDate, editor.ActorName, now);
            db.IncidentActions.Add(action);
            incident.Touch();
            id = action.Id;
            return Task.FromResult(new IncidentEditor.Change("ActionAdded", null, new { action.Id, action.Kind, action.Description, action.AssignedTo, action.DueDate }));
        }, cancellationToken);
        return new RecordedResult(id, c.IncidentId, version);
    }
}

public sealed class CompleteActionHandler(IncidentEditor editor, IIncidentsDb db) : IRequestHandler<CompleteActionCommand, RecordedResult>
{
    public async ValueTask<RecordedResult> Handle(CompleteActionCommand c, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(c);

        var version = await editor.ChangeAsync(c.IncidentId, c.Version!.Value, async (incident, now) =>
        {
            incident.EnsureOpen();
            var action = await db.IncidentActions.SingleOrDefaultAsync(a => a.Id == c.ActionId && a.IncidentId == incident.Id, cancellationToken)
                ?? throw new NotFoundException("There is no such action on this incident.");
            action.Complete(editor.ActorName, c.Note?.Trim(), now);
            incident.Touch();
            return new IncidentEditor.Change("ActionCompleted", new { action.Id, Open = true }, new { action.Id, Open = false, action.CompletionNote });
        }, cancellationToken);
        return new RecordedResult(c.ActionId, c.IncidentId, version);
    }
}
