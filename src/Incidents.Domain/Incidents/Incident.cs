using Incidents.Domain.Common;

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
        string? containmentActions,
        bool discoveredTimeUnknown = false)
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
        // Only the day known: the start of that London day, so the ICO clock below runs from the earliest it can have been.
        DiscoveredAt = LondonTime.AsGiven(discoveredAt, discoveredTimeUnknown);
        DiscoveredTimeUnknown = discoveredTimeUnknown;
        ReportedAt = reportedAt.ToUniversalTime();
        // The ICO clock runs from the earliest moment any party knew: the discovery. The DPO may move it, with a reason.
        AwareAt = DiscoveredAt;
        Summary = summary;
        Description = description ?? string.Empty;
        DataCategories = dataCategories?.Distinct().ToList() ?? [];
        ApproximateDataSubjects = approximateDataSubjects;
        ContainmentActions = containmentActions ?? string.Empty;
        Status = IncidentStatus.Reported;
        FollowDuty([]);
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

    public const int ReporterRoleMaxLength = 100;
    public const int ReporterEmailMaxLength = 254;

    /// <summary>The reporting link it came through (someone without an account), or null when a signed-in user reported it.</summary>
    public Guid? ReportingLinkId { get; private set; }

    /// <summary>"Reported via link": the reporter has no account and gave their name, role and email in the form.</summary>
    public bool ReportedViaLink => ReportingLinkId is not null;

    /// <summary>The role a reporter without an account gave (supply teacher, governor...), null otherwise.</summary>
    public string? ReporterRole { get; private set; }

    /// <summary>The address a reporter without an account gave, for their receipt only (null otherwise: an account's is its own).</summary>
    public string? ReporterEmail { get; private set; }

    /// <summary>Marks a new report as made through an organisation's reporting link by someone without an account.</summary>
    public void MarkReportedViaLink(Guid reportingLinkId, string role, string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ReportingLinkId = reportingLinkId;
        ReporterRole = role.Trim();
        ReporterEmail = email.Trim();
    }
    public DateTimeOffset DiscoveredAt { get; private set; }

    /// <summary>Only the day of the discovery is known ("I do not know the time"): <see cref="DiscoveredAt"/> is the
    /// start of that London day.</summary>
    public bool DiscoveredTimeUnknown { get; private set; }
    public DateTimeOffset ReportedAt { get; private set; }
    public DateTimeOffset AwareAt { get; private set; }

    /// <summary>Why the DPO moved <see cref="AwareAt"/> from the discovery time (null while it is the default).</summary>
    public string? AwareAtReason { get; private set; }
    public string Summary { get; private set; }
    public string Description { get; private set; }
    public List<string> DataCategories { get; private set; }
    public int? ApproximateDataSubjects { get; private set; }
    public string ContainmentActions { get; private set; }

    /// <summary>Art. 33: 72 real hours from the moment SIL became aware.</summary>
    public DateTimeOffset IcoDeadline => IcoClock.DeadlineFrom(AwareAt);

    /// <summary>Optimistic concurrency: bumped by every change; a change made against an older version is refused.</summary>
    public int Version { get; private set; }

    public TriageClassification? Classification { get; private set; }
    public string? AssigneeUserId { get; private set; }
    public string? AssigneeName { get; private set; }
    public string? AssigneeEmail { get; private set; }
    public DateTimeOffset? TriagedAt { get; private set; }

    public int? SeverityContext { get; private set; }
    public bool? SeverityChildrensData { get; private set; }
    public double? SeverityEaseOfIdentification { get; private set; }
    public double? SeverityConfidentiality { get; private set; }
    public double? SeverityIntegrity { get; private set; }
    public double? SeverityAvailability { get; private set; }
    public bool? SeverityMaliciousIntent { get; private set; }
    public double? SeverityScore { get; private set; }
    public SeverityLevel? Severity { get; private set; }

    public DecisionOutcome? Decision { get; private set; }
    public bool? DecisionPersonalData { get; private set; }
    public bool? DecisionRiskLikely { get; private set; }
    public bool? DecisionHighRisk { get; private set; }
    public string? DecisionRationale { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }
    public string? LessonsLearned { get; private set; }
    public string? ClosureNote { get; private set; }

    /// <summary>Whether the ICO's 72-hour clock runs: a personal data breach, or a reported breach not yet triaged.</summary>
    public bool IcoClockApplies =>
        Classification == TriageClassification.PersonalDataBreach || (Classification is null && Kind.IsBreach());

    public EnisaScore? SeverityAssessment =>
        SeverityContext is { } context
            ? new EnisaScore(context, SeverityChildrensData ?? false, SeverityEaseOfIdentification ?? 0, SeverityConfidentiality ?? 0,
                SeverityIntegrity ?? 0, SeverityAvailability ?? 0, SeverityMaliciousIntent ?? false)
            : null;

    public void Triage(TriageClassification classification, DateTimeOffset awareAt, (string UserId, string Name, string Email)? assignee, EnisaScore? severity, DateTimeOffset now, string? awareAtReason = null)
    {
        EnsureOpen();
        if (awareAt > now)
        {
            throw new DomainException("SIL cannot have become aware of it in the future.", "awareAt");
        }

        // Forms give minutes: a time within the same minute as the current one is not a move.
        if (AwareAtMovesTo(awareAt))
        {
            if (string.IsNullOrWhiteSpace(awareAtReason))
            {
                throw new DomainException("Give the reason for changing when SIL became aware (the ICO clock runs from it).", "awareAtReason");
            }

            AwareAt = awareAt.ToUniversalTime();
            AwareAtReason = awareAtReason.Trim();
        }

        Classification = classification;
        AssigneeUserId = assignee?.UserId;
        AssigneeName = assignee?.Name;
        AssigneeEmail = assignee?.Email;
        if (severity is not null)
        {
            SeverityContext = severity.DataProcessingContext;
            SeverityChildrensData = severity.ChildrensData;
            SeverityEaseOfIdentification = severity.EaseOfIdentification;
            SeverityConfidentiality = severity.Confidentiality;
            SeverityIntegrity = severity.Integrity;
            SeverityAvailability = severity.Availability;
            SeverityMaliciousIntent = severity.MaliciousIntent;
            SeverityScore = severity.Score;
            Severity = severity.Level;
        }

        TriagedAt = now;
        Status = IncidentStatus.Triaged;
        Version++;
    }

    public void Decide(bool personalData, bool riskLikely, bool highRisk, DecisionOutcome outcome, string rationale, string decidedBy, DateTimeOffset now)
    {
        EnsureOpen();
        if (string.IsNullOrWhiteSpace(rationale))
        {
            throw new DomainException("Give the reasons for the decision.", "rationale");
        }

        var required = IcoSelfAssessment.Required(personalData, riskLikely, highRisk);
        if (outcome < required)
        {
            throw new DomainException($"These answers require at least {required}.", "outcome");
        }

        Decision = outcome;
        DecisionPersonalData = personalData;
        DecisionRiskLikely = riskLikely;
        DecisionHighRisk = highRisk;
        DecisionRationale = rationale;
        DecidedAt = now;
        DecidedBy = decidedBy;
        Version++;
    }

    /// <summary>The duty's next deadline as the one rule (<see cref="IcoDuty"/>) gives it: the ICO deadline while a decision
    /// or the initial report is owed on an open incident, else null. Stored and indexed: the triage queue orders, pages
    /// and finds the overdue by it. Kept by <see cref="FollowDuty"/>, which every change to what drives the duty calls
    /// (the report, triage, the decision, a filing, closing and reopening).</summary>
    public DateTimeOffset? NextDeadline { get; private set; }

    /// <summary>Brings <see cref="NextDeadline"/> into step with the duty, given the incident's ICO filings (stored and
    /// new). The duty's owed state does not depend on the time, only on the incident and its filings.</summary>
    public void FollowDuty(IEnumerable<IcoFiling> filings)
    {
        ArgumentNullException.ThrowIfNull(filings);
        NextDeadline = IcoDuty.Of(this, filings, DateTimeOffset.UnixEpoch).NextDeadline;
    }

    /// <summary>Whether <paramref name="awareAt"/> would move the ICO clock (by a minute or more).</summary>
    public bool AwareAtMovesTo(DateTimeOffset awareAt) => (awareAt.ToUniversalTime() - AwareAt).Duration() >= TimeSpan.FromMinutes(1);

    /// <summary>A change recorded elsewhere (a filing, a notice, an action) still moves the version on.</summary>
    public void Touch()
    {
        Version++;
    }

    public void Close(string lessonsLearned, int openActions, bool force, string? forceReason, DateTimeOffset now)
    {
        EnsureOpen();
        if (string.IsNullOrWhiteSpace(lessonsLearned))
        {
            throw new DomainException("Record the lessons learned.", "lessonsLearned");
        }

        if (Classification is null)
        {
            throw new DomainException("Triage the incident before closing it.", "classification");
        }

        if (Classification == TriageClassification.PersonalDataBreach && Decision is null)
        {
            throw new DomainException("Record the ICO decision (even a decision not to report) before closing a personal data breach.", "decision");
        }

        if (openActions > 0 && !(force && !string.IsNullOrWhiteSpace(forceReason)))
        {
            throw new DomainException(openActions == 1 ? "1 action is still open. Complete it, or close anyway with a reason." : $"{openActions} actions are still open. Complete them, or close anyway with a reason.", "force");
        }

        LessonsLearned = lessonsLearned;
        ClosureNote = openActions > 0 ? forceReason : null;
        ClosedAt = now;
        Status = IncidentStatus.Closed;
        NextDeadline = null; // nothing is waited on in a closed incident's queue place
        Version++;
    }

    public void Reopen(string reason)
    {
        if (Status != IncidentStatus.Closed)
        {
            throw new DomainException("Only a closed incident can be reopened.", "status");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Give the reason for reopening.", "reason");
        }

        ClosedAt = null;
        Status = Classification is null ? IncidentStatus.Reported : IncidentStatus.Triaged;
        Version++;
    }

    public void EnsureOpen()
    {
        if (Status == IncidentStatus.Closed)
        {
            throw new DomainException("The incident is closed. Reopen it first.", "status");
        }
    }

    // What the ICO's breach report form asks beyond the report itself (see IcoFacts). The reporter gives what they
    // know; SIL's DPO completes and corrects the rest.
    public HappenedAnswer? Happened { get; private set; }
    public DateTimeOffset? HappenedFrom { get; private set; }
    public DateTimeOffset? HappenedTo { get; private set; }

    /// <summary>Only the day of <see cref="HappenedFrom"/> is known (it is kept as the start of that London day).</summary>
    public bool HappenedFromTimeUnknown { get; private set; }

    /// <summary>Only the day of <see cref="HappenedTo"/> is known.</summary>
    public bool HappenedToTimeUnknown { get; private set; }
    public string? HowDiscovered { get; private set; }
    public string? StaffRole { get; private set; }
    public TrainingAnswer? StaffTraining { get; private set; }
    public DateOnly? StaffTrainedOn { get; private set; }
    public List<string> PeopleCategories { get; private set; } = [];
    public string? PeopleCategoriesOther { get; private set; }
    public int? ApproximateRecords { get; private set; }
    public string? LikelyConsequences { get; private set; }
    public string? MeasuresBefore { get; private set; }
    public List<OrganisationTold> OrganisationsTold { get; private set; } = [];
    public bool NoOtherOrganisationsTold { get; private set; }
    public PeopleToldAnswer? PeopleTold { get; private set; }
    public DateOnly? PeopleToldOn { get; private set; }
    public NoticeException? PeopleNotToldException { get; private set; }
    public string? PeopleNotToldReason { get; private set; }
    public DateOnly? IcoAdviceOn { get; private set; }
    public string? IcoAdvice { get; private set; }
    public DateOnly? IcoOutcomeOn { get; private set; }
    public string? IcoOutcome { get; private set; }

    /// <summary>The facts as they stand, as one value (what <see cref="RecordFacts"/> replaces).</summary>
    public IcoFacts Facts => new(Happened, HappenedFrom, HappenedTo, HowDiscovered, StaffRole, StaffTraining, StaffTrainedOn,
        PeopleCategories, PeopleCategoriesOther, ApproximateRecords, LikelyConsequences, MeasuresBefore, OrganisationsTold,
        NoOtherOrganisationsTold, PeopleTold, PeopleToldOn, PeopleNotToldException, PeopleNotToldReason, IcoAdviceOn, IcoAdvice,
        IcoOutcomeOn, IcoOutcome, HappenedFromTimeUnknown, HappenedToTimeUnknown);

    /// <summary>The facts the reporter gave with the report (part of reporting it: the version does not move).</summary>
    public void DescribeAtReport(IcoFacts facts, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ApplyFacts(facts, now);
    }

    /// <summary>SIL's DPO records or corrects the facts the ICO asks for, and the data involved (all of it at once:
    /// what is not sent is cleared).</summary>
    public void RecordFacts(IcoFacts facts, IEnumerable<string> dataCategories, int? approximateDataSubjects, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(dataCategories);
        EnsureOpen();
        var categories = dataCategories.Distinct().ToList();
        if (categories.Any(c => !DataCategory.IsKnown(c)))
        {
            throw new DomainException("Choose categories of data from the list.", "dataCategories");
        }

        ApplyFacts(facts, now);
        DataCategories = categories;
        ApproximateDataSubjects = approximateDataSubjects;
        Version++;
    }

    private void ApplyFacts(IcoFacts f, DateTimeOffset now)
    {
        if (f.Check(DiscoveredAt, now) is [var first, ..])
        {
            throw new DomainException(first.Message, first.Field);
        }

        static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        f = f.Normalised();
        Happened = f.Happened;
        HappenedFrom = f.HappenedFrom;
        HappenedTo = f.HappenedTo;
        HappenedFromTimeUnknown = f.HappenedFromTimeUnknown;
        HappenedToTimeUnknown = f.HappenedToTimeUnknown;
        HowDiscovered = Text(f.HowDiscovered);
        StaffRole = Text(f.StaffRole);
        StaffTraining = f.StaffTraining;
        StaffTrainedOn = f.StaffTrainedOn;
        PeopleCategories = f.PeopleCategories?.Distinct().ToList() ?? [];
        PeopleCategoriesOther = Text(f.PeopleCategoriesOther);
        ApproximateRecords = f.ApproximateRecords;
        LikelyConsequences = Text(f.LikelyConsequences);
        MeasuresBefore = Text(f.MeasuresBefore);
        OrganisationsTold = f.OrganisationsTold?.Select(o => o with { Name = Text(o.Name) }).ToList() ?? [];
        NoOtherOrganisationsTold = f.NoOtherOrganisationsTold;
        PeopleTold = f.PeopleTold;
        PeopleToldOn = f.PeopleTold is PeopleToldAnswer.WillNotBeTold ? null : f.PeopleToldOn;
        PeopleNotToldException = f.PeopleTold is PeopleToldAnswer.WillNotBeTold ? f.PeopleNotToldException : null;
        PeopleNotToldReason = f.PeopleTold is PeopleToldAnswer.WillNotBeTold ? Text(f.PeopleNotToldReason) : null;
        IcoAdviceOn = f.IcoAdviceOn;
        IcoAdvice = Text(f.IcoAdvice);
        IcoOutcomeOn = f.IcoOutcomeOn;
        IcoOutcome = Text(f.IcoOutcome);
    }

    public bool IsVisibleTo(Guid organisationId) =>
        organisationId == ReportingOrganisationId || organisationId == CounterpartyOrganisationId;
}
