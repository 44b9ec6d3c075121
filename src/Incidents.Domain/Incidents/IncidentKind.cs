namespace Incidents.Domain.Incidents;

public enum IncidentKind
{
    /// <summary>Clause 11.4/11.5: personal data seen, sent or lost where it should not be.</summary>
    ConfidentialityBreach,

    /// <summary>Clause 10/11.2: a breach of security or a serious breach of the agreement.</summary>
    SecurityBreach,

    /// <summary>Clause 11.1: handled under the relevant party's complaints procedure.</summary>
    Complaint,

    /// <summary>Clause 9.6/9.7/11.3: the two parties' records disagree.</summary>
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
