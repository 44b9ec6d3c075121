namespace Incidents.Domain.Incidents;

public enum IncidentKind
{
    /// <summary>Clause 11.4/11.5: personal data seen, sent or lost where it should not be.</summary>
    ConfidentialityBreach,

    /// <summary>Clause 10/11.2: a breach of security or a serious breach of the agreement.</summary>
    SecurityBreach,

    /// <summary>Clause 11.1: kept for incidents stored before complaints had their own workflow; a new complaint is a
    /// <see cref="Complaints.Complaint"/> (<see cref="IncidentKinds.IsOffered"/> is false).</summary>
    Complaint,

    /// <summary>Clause 9.6/9.7/11.3: kept for stored incidents; a new one is a <see cref="Discrepancies.Discrepancy"/>.</summary>
    DataDiscrepancy,

    /// <summary>ICO guidance: something that almost went wrong. Recorded, not notified outside.</summary>
    NearMiss,
}

public enum IncidentStatus
{
    Reported,
    Triaged,
    Closed,
}

public static class IncidentKinds
{
    /// <summary>The kinds a new incident may have. Complaints and data discrepancies have their own workflows
    /// (/complaints/log, /discrepancies/raise); their kinds stay only for incidents stored before.</summary>
    public static bool IsOffered(this IncidentKind kind) => kind is not (IncidentKind.Complaint or IncidentKind.DataDiscrepancy);

    public static IReadOnlyList<IncidentKind> Offered { get; } = Enum.GetValues<IncidentKind>().Where(IsOffered).ToArray();

    public static bool IsBreach(this IncidentKind kind) =>
        kind is IncidentKind.ConfidentialityBreach or IncidentKind.SecurityBreach;

    public static string Describe(this IncidentKind kind) => kind switch
    {
        IncidentKind.ConfidentialityBreach => "Breach of confidentiality",
        IncidentKind.SecurityBreach => "Security breach",
        IncidentKind.Complaint => "Complaint",
        IncidentKind.DataDiscrepancy => "Data discrepancy",
        IncidentKind.NearMiss => "Near miss",
        _ => kind.ToString(),
    };
}
