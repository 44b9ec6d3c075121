namespace Incidents.Domain.Incidents;

/// <summary>Telling the people affected (Art. 34): when, how and how many, or the exception relied on.</summary>
public sealed class DataSubjectNotice
{
    private DataSubjectNotice()
    {
        RecordedBy = string.Empty;
    }

    public DataSubjectNotice(Guid id, Guid incidentId, DateTimeOffset? notifiedAt, NoticeMethod? method, int? peopleNotified,
        NoticeException? exception, string? notes, string recordedBy, DateTimeOffset recordedAt)
    {
        Id = id;
        IncidentId = incidentId;
        NotifiedAt = notifiedAt?.ToUniversalTime();
        Method = method;
        PeopleNotified = peopleNotified;
        Exception = exception;
        Notes = notes;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }
    public DateTimeOffset? NotifiedAt { get; private set; }
    public NoticeMethod? Method { get; private set; }
    public int? PeopleNotified { get; private set; }
    public NoticeException? Exception { get; private set; }
    public string? Notes { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
}
