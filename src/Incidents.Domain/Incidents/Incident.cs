namespace Incidents.Domain.Incidents;

/// <summary>A reported breach, complaint, discrepancy or near miss.</summary>
public sealed class Incident
{
    public const int SummaryMaxLength = 200;
    public const int DescriptionMaxLength = 10_000;

    private Incident()
    {
        Reference = string.Empty;
        Summary = string.Empty;
        Description = string.Empty;
        ReporterUserId = string.Empty;
        ReporterName = string.Empty;
        DataCategories = [];
        ContainmentActions = string.Empty;
    }

    public Incident(
        Guid id,
        string reference,
        IncidentKind kind,
        Guid agreementId,
        Guid reportingOrganisationId,
        Guid counterpartyOrganisationId,
        string reporterUserId,
        string reporterName,
        DateTimeOffset discoveredAt,
        DateTimeOffset reportedAt,
        string summary,
        string description,
        IEnumerable<string> dataCategories,
        int? approximateDataSubjects,
        string? containmentActions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        ArgumentException.ThrowIfNullOrWhiteSpace(summary);
        if (discoveredAt > reportedAt)
        {
            throw new ArgumentOutOfRangeException(nameof(discoveredAt), "A report cannot be discovered after it was made.");
        }

        Id = id;
        Reference = reference;
        Kind = kind;
        AgreementId = agreementId;
        ReportingOrganisationId = reportingOrganisationId;
        CounterpartyOrganisationId = counterpartyOrganisationId;
        ReporterUserId = reporterUserId;
        ReporterName = reporterName;
        DiscoveredAt = discoveredAt.ToUniversalTime();
        ReportedAt = reportedAt.ToUniversalTime();
        // SIL becomes aware when the report reaches it; triage may move this earlier.
        AwareAt = ReportedAt;
        Summary = summary;
        Description = description ?? string.Empty;
        DataCategories = dataCategories?.Distinct().ToList() ?? [];
        ApproximateDataSubjects = approximateDataSubjects;
        ContainmentActions = containmentActions ?? string.Empty;
        Status = IncidentStatus.Reported;
    }

    public Guid Id { get; private set; }
    public string Reference { get; private set; }
    public IncidentKind Kind { get; private set; }
    public IncidentStatus Status { get; private set; }
    public Guid AgreementId { get; private set; }
    public Guid ReportingOrganisationId { get; private set; }
    public Guid CounterpartyOrganisationId { get; private set; }
    public string ReporterUserId { get; private set; }
    public string ReporterName { get; private set; }
    public DateTimeOffset DiscoveredAt { get; private set; }
    public DateTimeOffset ReportedAt { get; private set; }
    public DateTimeOffset AwareAt { get; private set; }
    public string Summary { get; private set; }
    public string Description { get; private set; }
    public List<string> DataCategories { get; private set; }
    public int? ApproximateDataSubjects { get; private set; }
    public string ContainmentActions { get; private set; }

    /// <summary>Art. 33: 72 real hours from the moment SIL became aware.</summary>
    public DateTimeOffset IcoDeadline => IcoClock.DeadlineFrom(AwareAt);

    public bool IsVisibleTo(Guid organisationId) =>
        organisationId == ReportingOrganisationId || organisationId == CounterpartyOrganisationId;
}
