namespace Incidents.Application.Common.Exceptions;

/// <summary>Someone else changed the incident first: 409, with its current state so the caller can redo the change.</summary>
public sealed class ConflictException : Exception
{
    public ConflictException()
        : base("Someone else changed this incident first. Reload it and make your change again.")
    {
    }

    public ConflictException(Guid incidentId)
        : this()
    {
        IncidentId = incidentId;
    }

    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Guid? IncidentId { get; }
}
