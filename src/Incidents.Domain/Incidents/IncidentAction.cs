using Incidents.Domain.Common;

namespace Incidents.Domain.Incidents;

/// <summary>A containment or remedial action on an incident, with an owner and a due date (rules: <see cref="OwnedAction"/>).</summary>
public sealed class IncidentAction : OwnedAction
{
    private IncidentAction()
    {
    }

    public IncidentAction(Guid id, Guid incidentId, ActionKind kind, string description, string assignedTo, DateOnly? dueDate, string createdBy, DateTimeOffset createdAt)
        : base(id, description, assignedTo, dueDate, createdBy, createdAt)
    {
        IncidentId = incidentId;
        Kind = kind;
    }

    public Guid IncidentId { get; private set; }
    public ActionKind Kind { get; private set; }
}
