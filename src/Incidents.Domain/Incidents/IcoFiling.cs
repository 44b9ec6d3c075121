namespace Incidents.Domain.Incidents;

/// <summary>A report made to the ICO (Art. 33), initial or follow-up, with what was sent (Art. 33(3)).</summary>
public sealed class IcoFiling
{
    private IcoFiling()
    {
        CaseReference = Nature = DataSubjectCategories = DpoContact = LikelyConsequences = Measures = RecordedBy = string.Empty;
    }

    public IcoFiling(Guid id, Guid incidentId, DateTimeOffset submittedAt, string caseReference, FilingPhase phase, string nature,
        string dataSubjectCategories, int approximateDataSubjects, int? approximateRecords, string dpoContact,
        string likelyConsequences, string measures, string? lateReason, string recordedBy, DateTimeOffset recordedAt, bool followUpExpected = false)
    {
        Id = id;
        IncidentId = incidentId;
        SubmittedAt = submittedAt.ToUniversalTime();
        CaseReference = caseReference;
        Phase = phase;
        Nature = nature;
        DataSubjectCategories = dataSubjectCategories;
        ApproximateDataSubjects = approximateDataSubjects;
        ApproximateRecords = approximateRecords;
        DpoContact = dpoContact;
        LikelyConsequences = likelyConsequences;
        Measures = measures;
        LateReason = lateReason;
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
        FollowUpExpected = followUpExpected;
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public string CaseReference { get; private set; }
    public FilingPhase Phase { get; private set; }
    public string Nature { get; private set; }
    public string DataSubjectCategories { get; private set; }
    public int ApproximateDataSubjects { get; private set; }
    public int? ApproximateRecords { get; private set; }
    public string DpoContact { get; private set; }
    public string LikelyConsequences { get; private set; }
    public string Measures { get; private set; }
    public string? LateReason { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>Art. 33(1): an initial report made after the 72-hour deadline is late (and must say why). The one home
    /// of "late": the incident page, the register and the governors' summary all ask this.</summary>
    public bool IsLate(DateTimeOffset deadline) => Phase == FilingPhase.Initial && SubmittedAt > deadline;

    /// <summary>The report said more information would follow (Art. 33(4), reporting in phases).</summary>
    public bool FollowUpExpected { get; private set; }
}
