using Incidents.Domain.Common;
using Incidents.Domain.Incidents;
using Microsoft.Extensions.Time.Testing;

namespace Incidents.UnitTests.Domain;

public sealed class IncidentLifecycleTests
{
    private static readonly DateTimeOffset ReportedAt = new(2026, 5, 5, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(ReportedAt.AddHours(2));

    private DateTimeOffset Now => _time.GetUtcNow();

    private static Incident Create(IncidentKind kind = IncidentKind.ConfidentialityBreach) =>
        new(Guid.NewGuid(), "INC-2026-00001", kind, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            "user-1", "Rita Reporter", ReportedAt.AddHours(-1), ReportedAt, "Summary", "Description", ["Names"], 3, null);

    private Incident Triaged(TriageClassification classification = TriageClassification.PersonalDataBreach, IncidentKind kind = IncidentKind.ConfidentialityBreach)
    {
        var incident = Create(kind);
        incident.Triage(classification, incident.AwareAt, null, null, Now);
        return incident;
    }

    private Incident Closed()
    {
        var incident = Triaged(TriageClassification.NearMiss);
        incident.Close("Check recipients before sending.", 0, false, null, Now);
        return incident;
    }

    [Fact]
    public void A_new_incident_is_reported_with_the_ico_clock_running_from_the_discovery()
    {
        var incident = Create();

        Assert.Equal(IncidentStatus.Reported, incident.Status);
        Assert.Equal(0, incident.Version);
        Assert.Equal(ReportedAt.AddHours(-1), incident.AwareAt);
        Assert.Equal(ReportedAt.AddHours(71), incident.IcoDeadline);
        Assert.Null(incident.AwareAtReason);
    }

    [Fact]
    public void Triage_classifies_the_incident_and_moves_awareness_and_the_ico_deadline()
    {
        var incident = Create();
        var aware = ReportedAt.AddHours(-6);

        incident.Triage(TriageClassification.PersonalDataBreach, aware, ("dpo-1", "Dana Protection", "dpo@sil.example.org"), null, Now, "The school's office knew the evening before.");

        Assert.Equal(IncidentStatus.Triaged, incident.Status);
        Assert.Equal(TriageClassification.PersonalDataBreach, incident.Classification);
        Assert.Equal(aware, incident.AwareAt);
        Assert.Equal("The school's office knew the evening before.", incident.AwareAtReason);
        Assert.Equal(aware.AddHours(72), incident.IcoDeadline);
        Assert.Equal(Now, incident.TriagedAt);
        Assert.Equal("dpo-1", incident.AssigneeUserId);
        Assert.Equal("Dana Protection", incident.AssigneeName);
        Assert.Equal("dpo@sil.example.org", incident.AssigneeEmail);
    }

    [Fact]
    public void Triage_stores_awareness_given_with_an_offset_in_utc()
    {
        var incident = Create();
        var awareInBst = new DateTimeOffset(2026, 5, 5, 9, 0, 0, TimeSpan.FromHours(1));

        incident.Triage(TriageClassification.PersonalDataBreach, awareInBst, null, null, Now, "Told by phone at nine.");

        Assert.Equal(TimeSpan.Zero, incident.AwareAt.Offset);
        Assert.Equal(new DateTimeOffset(2026, 5, 8, 8, 0, 0, TimeSpan.Zero), incident.IcoDeadline);
    }

    [Fact]
    public void Triage_refuses_an_awareness_in_the_future()
    {
        var incident = Create();

        var ex = Assert.Throws<DomainException>(() =>
            incident.Triage(TriageClassification.PersonalDataBreach, Now.AddSeconds(1), null, null, Now));

        Assert.Equal("awareAt", ex.Field);
        Assert.Equal(IncidentStatus.Reported, incident.Status);
        Assert.Null(incident.Classification);
        Assert.Equal(0, incident.Version);
    }

    [Fact]
    public void Triage_accepts_an_awareness_of_exactly_now()
    {
        var incident = Create();

        incident.Triage(TriageClassification.PersonalDataBreach, Now, null, null, Now, "Only now certain personal data was involved.");

        Assert.Equal(Now, incident.AwareAt);
    }

    [Fact]
    public void Triage_records_the_severity_score_and_level()
    {
        var incident = Create();
        var severity = new EnisaScore(3, true, 1, 0.25, 0, 0, false);

        incident.Triage(TriageClassification.PersonalDataBreach, incident.AwareAt, null, severity, Now);

        Assert.Equal(4.25, incident.SeverityScore);
        Assert.Equal(SeverityLevel.VeryHigh, incident.Severity);
        Assert.Equal(3, incident.SeverityContext);
        Assert.True(incident.SeverityChildrensData);
        Assert.Equal(severity, incident.SeverityAssessment);
    }

    [Fact]
    public void Triage_without_a_severity_keeps_the_one_scored_before()
    {
        var incident = Create();
        incident.Triage(TriageClassification.PersonalDataBreach, incident.AwareAt, null, new EnisaScore(2, false, 1, 0, 0, 0, false), Now);

        incident.Triage(TriageClassification.PersonalDataBreach, incident.AwareAt, null, null, Now);

        Assert.Equal(SeverityLevel.Medium, incident.Severity);
        Assert.Equal(2, incident.SeverityScore);
    }

    [Fact]
    public void Every_change_moves_the_version_on_by_one()
    {
        var incident = Create();
        var versions = new List<int> { incident.Version };

        incident.Triage(TriageClassification.PersonalDataBreach, incident.AwareAt, null, null, Now);
        versions.Add(incident.Version);
        incident.Decide(true, true, false, DecisionOutcome.ReportToIco, "Names of a class went to a parent.", "Dana Protection", Now);
        versions.Add(incident.Version);
        incident.Touch();
        versions.Add(incident.Version);
        incident.Close("Check recipients before sending.", 0, false, null, Now);
        versions.Add(incident.Version);
        incident.Reopen("The parent forwarded the email.");
        versions.Add(incident.Version);

        Assert.Equal([0, 1, 2, 3, 4, 5], versions);
    }

    [Fact]
    public void A_refused_change_leaves_the_version_alone()
    {
        var incident = Triaged();

        Assert.Throws<DomainException>(() => incident.Decide(true, true, true, DecisionOutcome.RecordOnly, "Low risk.", "Dana", Now));
        Assert.Throws<DomainException>(() => incident.Close("Lessons.", 0, false, null, Now));

        Assert.Equal(1, incident.Version);
    }

    [Theory]
    [InlineData(IncidentKind.ConfidentialityBreach, true)]
    [InlineData(IncidentKind.SecurityBreach, true)]
    [InlineData(IncidentKind.Complaint, false)]
    [InlineData(IncidentKind.DataDiscrepancy, false)]
    [InlineData(IncidentKind.NearMiss, false)]
    public void Before_triage_the_ico_clock_runs_only_for_a_reported_breach(IncidentKind kind, bool expected)
    {
        Assert.Equal(expected, Create(kind).IcoClockApplies);
    }

    [Fact]
    public void A_complaint_classified_as_a_personal_data_breach_starts_the_ico_clock()
    {
        var incident = Triaged(TriageClassification.PersonalDataBreach, IncidentKind.Complaint);

        Assert.True(incident.IcoClockApplies);
    }

    [Fact]
    public void A_breach_classified_as_not_a_breach_stops_the_ico_clock()
    {
        var incident = Triaged(TriageClassification.NotABreach, IncidentKind.ConfidentialityBreach);

        Assert.False(incident.IcoClockApplies);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_decision_without_reasons_is_refused(string rationale)
    {
        var incident = Triaged();

        var ex = Assert.Throws<DomainException>(() =>
            incident.Decide(true, false, false, DecisionOutcome.RecordOnly, rationale, "Dana Protection", Now));

        Assert.Equal("rationale", ex.Field);
        Assert.Null(incident.Decision);
    }

    [Theory]
    [InlineData(true, true, false, DecisionOutcome.RecordOnly)]
    [InlineData(true, true, true, DecisionOutcome.RecordOnly)]
    [InlineData(true, true, true, DecisionOutcome.ReportToIco)]
    public void A_decision_below_what_the_answers_require_is_refused(bool personalData, bool riskLikely, bool highRisk, DecisionOutcome outcome)
    {
        var incident = Triaged();

        var ex = Assert.Throws<DomainException>(() =>
            incident.Decide(personalData, riskLikely, highRisk, outcome, "We think it is fine.", "Dana Protection", Now));

        Assert.Equal("outcome", ex.Field);
        Assert.Null(incident.Decision);
    }

    [Fact]
    public void A_decision_not_to_report_is_kept_with_its_reasons()
    {
        var incident = Triaged();

        incident.Decide(true, false, false, DecisionOutcome.RecordOnly, "The recipient deleted it unread.", "Dana Protection", Now);

        Assert.Equal(DecisionOutcome.RecordOnly, incident.Decision);
        Assert.Equal("The recipient deleted it unread.", incident.DecisionRationale);
        Assert.True(incident.DecisionPersonalData);
        Assert.False(incident.DecisionRiskLikely);
        Assert.False(incident.DecisionHighRisk);
        Assert.Equal("Dana Protection", incident.DecidedBy);
        Assert.Equal(Now, incident.DecidedAt);
    }

    [Fact]
    public void A_decision_above_what_the_answers_require_is_accepted()
    {
        var incident = Triaged();

        incident.Decide(true, false, false, DecisionOutcome.ReportToIco, "Reporting voluntarily.", "Dana Protection", Now);

        Assert.Equal(DecisionOutcome.ReportToIco, incident.Decision);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Closing_without_lessons_learned_is_refused(string lessons)
    {
        var incident = Triaged(TriageClassification.NearMiss);

        var ex = Assert.Throws<DomainException>(() => incident.Close(lessons, 0, false, null, Now));

        Assert.Equal("lessonsLearned", ex.Field);
        Assert.Equal(IncidentStatus.Triaged, incident.Status);
    }

    [Fact]
    public void Closing_before_triage_is_refused()
    {
        var incident = Create();

        var ex = Assert.Throws<DomainException>(() => incident.Close("Lessons.", 0, false, null, Now));

        Assert.Equal("classification", ex.Field);
        Assert.Equal(IncidentStatus.Reported, incident.Status);
    }

    [Fact]
    public void Closing_a_personal_data_breach_without_a_decision_is_refused()
    {
        var incident = Triaged(TriageClassification.PersonalDataBreach);

        var ex = Assert.Throws<DomainException>(() => incident.Close("Lessons.", 0, false, null, Now));

        Assert.Equal("decision", ex.Field);
        Assert.Equal(IncidentStatus.Triaged, incident.Status);
    }

    [Fact]
    public void Closing_a_personal_data_breach_after_a_decision_records_the_lessons_and_the_time()
    {
        var incident = Triaged(TriageClassification.PersonalDataBreach);
        incident.Decide(true, false, false, DecisionOutcome.RecordOnly, "Deleted unread.", "Dana Protection", Now);
        _time.Advance(TimeSpan.FromHours(3));

        incident.Close("Check recipients before sending.", 0, false, null, Now);

        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.Equal("Check recipients before sending.", incident.LessonsLearned);
        Assert.Equal(Now, incident.ClosedAt);
        Assert.Null(incident.ClosureNote);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(false, "The supplier will not respond.")]
    [InlineData(true, null)]
    [InlineData(true, "  ")]
    public void Closing_with_open_actions_is_refused_unless_forced_with_a_reason(bool force, string? reason)
    {
        var incident = Triaged(TriageClassification.NearMiss);

        var ex = Assert.Throws<DomainException>(() => incident.Close("Lessons.", 2, force, reason, Now));

        Assert.Equal("force", ex.Field);
        Assert.Equal(IncidentStatus.Triaged, incident.Status);
    }

    [Fact]
    public void Closing_with_open_actions_forced_with_a_reason_keeps_the_reason_as_the_closure_note()
    {
        var incident = Triaged(TriageClassification.NearMiss);

        incident.Close("Lessons.", 2, true, "The supplier will not respond.", Now);

        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.Equal("The supplier will not respond.", incident.ClosureNote);
    }

    [Fact]
    public void A_closed_incident_refuses_triage()
    {
        var incident = Closed();

        var ex = Assert.Throws<DomainException>(() =>
            incident.Triage(TriageClassification.PersonalDataBreach, incident.AwareAt, null, null, Now));

        Assert.Equal("status", ex.Field);
        Assert.Equal(TriageClassification.NearMiss, incident.Classification);
    }

    [Fact]
    public void A_closed_incident_refuses_a_decision()
    {
        var incident = Closed();

        var ex = Assert.Throws<DomainException>(() =>
            incident.Decide(true, true, false, DecisionOutcome.ReportToIco, "Reasons.", "Dana Protection", Now));

        Assert.Equal("status", ex.Field);
        Assert.Null(incident.Decision);
    }

    [Fact]
    public void A_closed_incident_refuses_to_be_closed_again()
    {
        var incident = Closed();

        var ex = Assert.Throws<DomainException>(() => incident.Close("Again.", 0, false, null, Now));

        Assert.Equal("status", ex.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Reopening_without_a_reason_is_refused(string reason)
    {
        var incident = Closed();

        var ex = Assert.Throws<DomainException>(() => incident.Reopen(reason));

        Assert.Equal("reason", ex.Field);
        Assert.Equal(IncidentStatus.Closed, incident.Status);
        Assert.NotNull(incident.ClosedAt);
    }

    [Fact]
    public void Reopening_a_closed_incident_with_a_reason_returns_it_to_triaged()
    {
        var incident = Closed();

        incident.Reopen("The parent forwarded the email.");

        Assert.Equal(IncidentStatus.Triaged, incident.Status);
        Assert.Null(incident.ClosedAt);
        incident.Decide(true, true, false, DecisionOutcome.ReportToIco, "It was forwarded.", "Dana Protection", Now);
        Assert.Equal(DecisionOutcome.ReportToIco, incident.Decision);
    }

    [Fact]
    public void Reopening_an_open_incident_is_refused()
    {
        var incident = Triaged();

        var ex = Assert.Throws<DomainException>(() => incident.Reopen("Just in case."));

        Assert.Equal("status", ex.Field);
        Assert.Equal(IncidentStatus.Triaged, incident.Status);
        Assert.Equal(1, incident.Version);
    }
}
