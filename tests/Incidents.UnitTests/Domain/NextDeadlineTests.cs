using Incidents.Domain.Incidents;

namespace Incidents.UnitTests.Domain;

/// <summary>The stored next deadline (the triage queue's order) follows the one duty rule through every change that
/// drives it: the report, triage, the decision, a filing, closing and reopening.</summary>
public sealed class NextDeadlineTests
{
    private static readonly DateTimeOffset Discovered = new(2026, 6, 1, 7, 45, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = Discovered.AddHours(72);
    private static readonly DateTimeOffset Reported = Discovered.AddHours(17);

    private static Incident Report(IncidentKind kind = IncidentKind.ConfidentialityBreach) =>
        new(Guid.NewGuid(), "INC-2026-00001", kind, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            "u", "Rita", Discovered, Reported, "Summary", "Description", ["Names"], 28, null);

    private static IcoFiling Filing(Incident incident, DateTimeOffset submitted, FilingPhase phase = FilingPhase.Initial) =>
        new(Guid.NewGuid(), incident.Id, submitted, "IC-1", phase, "Nature", "Pupils", 28, 28, "Dana", "Low", "Deleted", null, "Dana", submitted, false);

    [Fact]
    public void A_reported_breach_waits_on_its_ico_deadline()
    {
        Assert.Equal(Deadline, Report().NextDeadline);
    }

    [Theory]
    [InlineData(IncidentKind.NearMiss)]
    [InlineData(IncidentKind.Complaint)]
    [InlineData(IncidentKind.DataDiscrepancy)]
    public void A_report_with_no_ico_clock_waits_on_nothing(IncidentKind kind)
    {
        Assert.Null(Report(kind).NextDeadline);
    }

    [Fact]
    public void Triage_as_not_a_breach_clears_it_and_as_a_breach_sets_it_from_the_moved_awareness()
    {
        var incident = Report(IncidentKind.NearMiss);
        var aware = Discovered.AddHours(5);
        incident.Triage(TriageClassification.PersonalDataBreach, aware, null, null, Reported.AddHours(1), "SIL heard later.");
        incident.FollowDuty([]);
        Assert.Equal(aware.AddHours(72), incident.NextDeadline);

        incident.Triage(TriageClassification.NotABreach, incident.AwareAt, null, null, Reported.AddHours(2));
        incident.FollowDuty([]);
        Assert.Null(incident.NextDeadline);
    }

    [Fact]
    public void A_decision_to_report_keeps_it_until_the_initial_report_is_filed()
    {
        var incident = Report();
        incident.Triage(TriageClassification.PersonalDataBreach, incident.AwareAt, null, null, Reported.AddHours(1));
        incident.Decide(true, true, false, DecisionOutcome.ReportToIco, "Risk to pupils.", "Dana", Reported.AddHours(2));
        incident.FollowDuty([]);
        Assert.Equal(Deadline, incident.NextDeadline);

        incident.FollowDuty([Filing(incident, Reported.AddHours(3), FilingPhase.FollowUp)]);
        Assert.Equal(Deadline, incident.NextDeadline);

        incident.FollowDuty([Filing(incident, Reported.AddHours(3))]);
        Assert.Null(incident.NextDeadline);
    }

    [Fact]
    public void A_decision_not_to_report_clears_it()
    {
        var incident = Report();
        incident.Triage(TriageClassification.PersonalDataBreach, incident.AwareAt, null, null, Reported.AddHours(1));
        incident.Decide(false, false, false, DecisionOutcome.RecordOnly, "No personal data of living people.", "Dana", Reported.AddHours(2));
        incident.FollowDuty([]);
        Assert.Null(incident.NextDeadline);
    }

    [Fact]
    public void Closing_clears_it_and_reopening_brings_it_back_while_still_owed()
    {
        var incident = Report();
        incident.Triage(TriageClassification.PersonalDataBreach, incident.AwareAt, null, null, Reported.AddHours(1));
        incident.Decide(true, true, false, DecisionOutcome.ReportToIco, "Risk to pupils.", "Dana", Reported.AddHours(2));
        incident.Close("Lessons.", 0, false, null, Reported.AddHours(3));
        Assert.Null(incident.NextDeadline);

        incident.Reopen("More came to light.");
        incident.FollowDuty([]);
        Assert.Equal(Deadline, incident.NextDeadline);
    }

    [Fact]
    public void It_is_the_duty_rules_deadline_whenever_reminders_run()
    {
        var incident = Report();
        var duty = IcoDuty.Of(incident, [], Deadline.AddDays(3));
        Assert.True(duty.Overdue);
        Assert.Equal(duty.RemindersRun ? duty.Deadline : null, incident.NextDeadline);
        Assert.Equal(duty.NextDeadline, incident.NextDeadline);
    }
}
