namespace Incidents.Domain.Common;

/// <summary>
/// Something someone has to do, with an owner and perhaps a due date, on an incident (<see cref="Incidents.IncidentAction"/>)
/// or a complaint (<see cref="Complaints.ComplaintAction"/>): the one home of the rules for open, overdue and done.
/// </summary>
public abstract class OwnedAction
{
    public const int DescriptionMaxLength = 2000;
    public const int AssignedToMaxLength = 200;
    public const int NoteMaxLength = 2000;

    protected OwnedAction()
    {
        Description = AssignedTo = CreatedBy = string.Empty;
    }

    protected OwnedAction(Guid id, string description, string assignedTo, DateOnly? dueDate, string createdBy, DateTimeOffset createdAt)
    {
        Id = id;
        Description = description;
        AssignedTo = assignedTo;
        DueDate = dueDate;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }
    public string Description { get; private set; }
    public string AssignedTo { get; private set; }
    public DateOnly? DueDate { get; private set; }
    public string CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletedBy { get; private set; }
    public string? CompletionNote { get; private set; }

    public bool IsOpen => CompletedAt is null;

    /// <summary>Still open after its due date (London calendar day <paramref name="today"/>): the one "overdue" rule for actions.</summary>
    public bool IsOverdue(DateOnly today) => IsOpen && DueDate is { } due && due < today;

    /// <summary>Today in the London calendar, the day <see cref="IsOverdue"/> compares due dates with.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(LondonTime.ToLondon(now).DateTime);

    public void Complete(string by, string? note, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw new DomainException("This action is already complete.");
        }

        CompletedAt = at;
        CompletedBy = by;
        CompletionNote = note;
    }
}
