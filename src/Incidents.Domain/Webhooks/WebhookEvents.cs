namespace Incidents.Domain.Webhooks;

/// <summary>The event types an endpoint may subscribe to. Stored and sent: a contract, never renamed.</summary>
public static class WebhookEvents
{
    public const string IncidentReported = "incident.reported";
    public const string IncidentClassified = "incident.classified";
    public const string IncidentDecided = "incident.decided";
    public const string IncidentReportedToIco = "incident.reported_to_ico";
    public const string IncidentClosed = "incident.closed";
    public const string AgreementSuspended = "agreement.suspended";
    public const string AgreementSuspensionRenewed = "agreement.suspension_renewed";
    public const string AgreementSuspensionLifted = "agreement.suspension_lifted";
    public const string AgreementReinstated = "agreement.reinstated";

    public static IReadOnlyList<string> All { get; } =
    [
        IncidentReported, IncidentClassified, IncidentDecided, IncidentReportedToIco, IncidentClosed,
        AgreementSuspended, AgreementSuspensionRenewed, AgreementSuspensionLifted, AgreementReinstated,
    ];

    /// <summary>In words, for pages.</summary>
    public static string Describe(string eventType) => eventType switch
    {
        IncidentReported => "Incident reported",
        IncidentClassified => "Incident classified",
        IncidentDecided => "ICO decision recorded",
        IncidentReportedToIco => "Reported to the ICO",
        IncidentClosed => "Incident closed",
        AgreementSuspended => "Agreement suspended",
        AgreementSuspensionRenewed => "Suspension renewed",
        AgreementSuspensionLifted => "Suspension lifted early",
        AgreementReinstated => "Agreement reinstated at the end of its suspension",
        _ => eventType,
    };

    /// <summary>The event an audited incident change raises (the action names of the audit trail), or null.</summary>
    public static string? ForIncidentAction(string action) => action switch
    {
        "Reported" => IncidentReported,
        "Triaged" => IncidentClassified,
        "Decided" => IncidentDecided,
        "IcoFilingRecorded" => IncidentReportedToIco,
        "Closed" => IncidentClosed,
        _ => null,
    };
}
