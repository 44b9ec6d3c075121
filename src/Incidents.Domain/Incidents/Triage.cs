namespace Incidents.Domain.Incidents;

/// <summary>What the DPO finds the incident to be, whatever kind it was reported as.</summary>
public enum TriageClassification
{
    NearMiss,
    PersonalDataBreach,
    NotABreach,
    Complaint,
    DataDiscrepancy,
}

/// <summary>The ICO self-assessment's answer.</summary>
public enum DecisionOutcome
{
    /// <summary>Document it (Art. 33(5)); do not report.</summary>
    RecordOnly,

    /// <summary>Report to the ICO within 72 hours of awareness (Art. 33).</summary>
    ReportToIco,

    /// <summary>Report to the ICO and tell the people affected without undue delay (Art. 34).</summary>
    ReportToIcoAndDataSubjects,
}

public enum SeverityLevel
{
    Low,
    Medium,
    High,
    VeryHigh,
}

public enum FilingPhase
{
    Initial,
    FollowUp,
}

public enum NoticeMethod
{
    Letter,
    Email,
    Phone,
    InPerson,
    PublicNotice,
}

/// <summary>Art. 34(3): when the people affected need not be told individually.</summary>
public enum NoticeException
{
    DataUnintelligible,
    RiskNoLongerLikely,
    DisproportionateEffortPublicNotice,
}

public enum ActionKind
{
    Containment,
    Remedial,
}

/// <summary>
/// ENISA's method for the severity of a personal data breach: SE = DPC × EI + CB.
/// DPC (data processing context) 1 simple, 2 behavioural, 3 financial, 4 sensitive; children's data raises it
/// by one (they are vulnerable data subjects), up to 4. EI (ease of identification) 0.25, 0.5, 0.75 or 1.
/// CB (circumstances) adds 0, 0.25 or 0.5 each for loss of confidentiality, integrity and availability, and
/// 0.5 for malicious intent. Below 2 is low, below 3 medium, below 4 high, otherwise very high.
/// </summary>
public sealed record EnisaScore(
    int DataProcessingContext,
    bool ChildrensData,
    double EaseOfIdentification,
    double Confidentiality,
    double Integrity,
    double Availability,
    bool MaliciousIntent)
{
    public static readonly double[] EaseOfIdentificationValues = [0.25, 0.5, 0.75, 1.0];
    public static readonly double[] CircumstanceValues = [0, 0.25, 0.5];

    public int EffectiveContext => Math.Min(4, DataProcessingContext + (ChildrensData ? 1 : 0));

    public double Circumstances => Confidentiality + Integrity + Availability + (MaliciousIntent ? 0.5 : 0);

    public double Score => (EffectiveContext * EaseOfIdentification) + Circumstances;

    public SeverityLevel Level => Score switch
    {
        < 2 => SeverityLevel.Low,
        < 3 => SeverityLevel.Medium,
        < 4 => SeverityLevel.High,
        _ => SeverityLevel.VeryHigh,
    };

    public static bool IsValid(int context, double ease, double confidentiality, double integrity, double availability) =>
        context is >= 1 and <= 4
        && EaseOfIdentificationValues.Contains(ease)
        && CircumstanceValues.Contains(confidentiality)
        && CircumstanceValues.Contains(integrity)
        && CircumstanceValues.Contains(availability);
}

/// <summary>The ICO's three questions and the least each set of answers requires.</summary>
public static class IcoSelfAssessment
{
    public static DecisionOutcome Required(bool personalDataOfLivingPeople, bool riskLikely, bool highRisk) =>
        !personalDataOfLivingPeople || !riskLikely ? DecisionOutcome.RecordOnly
        : highRisk ? DecisionOutcome.ReportToIcoAndDataSubjects
        : DecisionOutcome.ReportToIco;

    public static bool RequiresIco(this DecisionOutcome outcome) => outcome != DecisionOutcome.RecordOnly;
}
