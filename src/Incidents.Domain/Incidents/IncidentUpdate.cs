namespace Incidents.Domain.Incidents;

/// <summary>A dated note or corrected fact added to an incident by someone who may see it (for example a corrected
/// head-count). The original report is never edited by it; updates are only ever added.</summary>
public sealed class IncidentUpdate
{
    public const int NoteMaxLength = 10_000;
    public const int AboutMaxLength = 200;

    private IncidentUpdate()
    {
        Note = WrittenBy = WrittenByUserId = string.Empty;
    }

    public IncidentUpdate(Guid id, Guid incidentId, string? about, string note, string writtenByUserId, string writtenBy, Guid writtenByOrganisationId, DateTimeOffset writtenAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        Id = id;
        IncidentId = incidentId;
        About = string.IsNullOrWhiteSpace(about) ? null : about.Trim();
        Note = note.Trim();
        WrittenByUserId = writtenByUserId;
        WrittenBy = writtenBy;
        WrittenByOrganisationId = writtenByOrganisationId;
        WrittenAt = writtenAt.ToUniversalTime();
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }

    /// <summary>What it corrects or adds to, in the writer's words (optional), for example "Number of people affected".</summary>
    public string? About { get; private set; }
    public string Note { get; private set; }
    public string WrittenByUserId { get; private set; }
    public string WrittenBy { get; private set; }
    public Guid WrittenByOrganisationId { get; private set; }
    public DateTimeOffset WrittenAt { get; private set; }
}
