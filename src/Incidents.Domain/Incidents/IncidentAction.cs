namespace Incidents.Domain.Incidents;

/// <summary>A containment or remedial action, with an owner and a due date.</summary>
public sealed class IncidentAction
{
    private IncidentAction()
    {
        Description = AssignedTo = CreatedBy = string.Empty;
    }

    public IncidentAction(Guid id, Guid incidentId, ActionKind kind, string description, string assignedTo, DateOnly? dueDate, string createdBy, DateTimeOffset createdAt)
    {
        Id = id;
        IncidentId = incidentId;
        Kind = kind;
        Description = description;
        AssignedTo = assignedTo;
        DueDate = dueDate;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }
    public ActionKind Kind { get; private set; }
    public string Description { get; private set; }
    public string AssignedTo { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletedBy { get; private set; }
    public string? CompletionNote { get; private set; }

    public bool IsOpen => CompletedAt is null;

    /// <summary>Still open after its due date (London calendar day <paramref name="today"/>).</summary>
    public bool IsOverdue(DateOnly today) => IsOpen && DueDate is { } due && due < today;

    public void Complete(string by, string? note, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw new Common.DomainException("This action is already complete.");
        }

        CompletedAt = at;
        CompletedBy = by;
        CompletionNote = note;
    }
}
