using Incidents.Domain.Incidents;

namespace Incidents.UnitTests.Domain;

/// <summary>The one rule for the ICO duty, over every path.</summary>
public sealed class IcoDutyTests
{
    private static readonly DateTimeOffset Discovered = new(2026, 6, 1, 7, 45, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deadline = Discovered.AddHours(72);
    private static readonly DateTimeOffset Reported = Discovered.AddHours(17);

    private static Incident Breach() =>
        new(Guid.NewGuid(), "INC-2026-00001", IncidentKind.ConfidentialityBreach, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            "u", "Rita", Discovered, Reported, "Summary", "Description", ["Names"], 28, null);

    private static Incident Triaged(TriageClassification classification = TriageClassification.PersonalDataBreach)
    {
        var incident = Breach();
        incident.Triage(classification, incident.AwareAt, null, null, Reported.AddHours(1));
        return incident;
    }

    private static Incident Decided(DecisionOutcome outcome)
    {
        var incident = Triaged();
        var report = outcome.RequiresIco();
        incident.Decide(true, report, outcome == DecisionOutcome.ReportToIcoAndDataSubjects, outcome, "Considered.", "Dana", Reported.AddHours(2));
        return incident;
    }

    private static IcoFiling Filing(Incident incident, DateTimeOffset submitted, FilingPhase phase = FilingPhase.Initial, string? lateReason = null, bool followUpExpected = false) =>
        new(Guid.NewGuid(), incident.Id, submitted, "IC-1", phase, "Nature", "Pupils", 28, 28, "Dana", "Low", "Deleted", lateReason, "Dana", submitted, followUpExpected);

    [Fact]
    public void No_decision_on_a_breach_owes_a_decision_and_counts_down()
    {
        var incident = Breach();
        var now = Deadline - new TimeSpan(2, 7, 0, 0);

        var duty = IcoDuty.Of(incident, [], now);

        Assert.Equal(IcoDutyState.DecisionOwed, duty.State);
        Assert.Equal(Deadline, duty.Deadline);
        Assert.True(duty.Owed);
        Assert.False(duty.Overdue);
        Assert.True(duty.RemindersRun);
        Assert.Equal("2 days 7 hours left", duty.Countdown);
    }

    [Fact]
    public void No_decision_past_the_deadline_is_overdue()
    {
        var duty = IcoDuty.Of(Triaged(), [], Deadline + new TimeSpan(16, 24, 0));

        Assert.Equal(IcoDutyState.DecisionOwed, duty.State);
        Assert.True(duty.Overdue);
        Assert.Null(duty.TimeLeft);
        Assert.Equal("overdue by 16 hours 24 minutes", duty.Countdown);
        Assert.True(duty.RemindersRun);
    }

    [Fact]
    public void Not_a_breach_has_no_clock()
    {
        var duty = IcoDuty.Of(Triaged(TriageClassification.NotABreach), [], Deadline.AddDays(1));

        Assert.Equal(IcoDutyState.NotApplicable, duty.State);
        Assert.Null(duty.Deadline);
        Assert.False(duty.Overdue);
        Assert.False(duty.RemindersRun);
        Assert.Null(duty.Countdown);
    }

    [Fact]
    public void Record_only_is_not_reportable_and_never_overdue()
    {
        var duty = IcoDuty.Of(Decided(DecisionOutcome.RecordOnly), [], Deadline.AddDays(3));

        Assert.Equal(IcoDutyState.NotReportable, duty.State);
        Assert.False(duty.Owed);
        Assert.False(duty.Overdue);
        Assert.False(duty.RemindersRun);
        Assert.Null(duty.Countdown);
    }

    [Theory]
    [InlineData(DecisionOutcome.ReportToIco)]
    [InlineData(DecisionOutcome.ReportToIcoAndDataSubjects)]
    public void A_decision_to_report_leaves_the_report_owed_against_the_same_deadline(DecisionOutcome outcome)
    {
        var incident = Decided(outcome);

        var before = IcoDuty.Of(incident, [], Deadline.AddHours(-5));
        Assert.Equal(IcoDutyState.ReportOwed, before.State);
        Assert.Equal(Deadline, before.Deadline);
        Assert.True(before.RemindersRun);
        Assert.Equal("5 hours left", before.Countdown);

        var after = IcoDuty.Of(incident, [], Deadline.AddHours(1));
        Assert.Equal(IcoDutyState.ReportOwed, after.State);
        Assert.True(after.Overdue);
        Assert.Equal("overdue by 1 hour", after.Countdown);
    }

    [Fact]
    public void A_report_filed_on_time_is_reported_on_time_with_no_countdown_and_no_reminders()
    {
        var incident = Decided(DecisionOutcome.ReportToIco);
        var filing = Filing(incident, Deadline.AddHours(-1));

        var duty = IcoDuty.Of(incident, [filing], Deadline.AddDays(2));

        Assert.Equal(IcoDutyState.ReportedOnTime, duty.State);
        Assert.False(duty.Late);
        Assert.False(duty.Overdue);
        Assert.False(duty.RemindersRun);
        Assert.Null(duty.Countdown);
        Assert.Equal(Deadline.AddHours(-1), duty.ReportedAt);
    }

    [Fact]
    public void A_report_filed_late_is_reported_late_with_its_reason()
    {
        var incident = Decided(DecisionOutcome.ReportToIco);
        var filing = Filing(incident, Deadline.AddHours(3), lateReason: "The head teacher was unreachable.");

        var duty = IcoDuty.Of(incident, [filing], Deadline.AddHours(4));

        Assert.Equal(IcoDutyState.ReportedLate, duty.State);
        Assert.True(duty.Late);
        Assert.Equal("The head teacher was unreachable.", duty.LateReason);
        Assert.False(duty.Overdue);
        Assert.Null(duty.Countdown);
    }

    [Fact]
    public void An_initial_report_that_says_more_will_follow_owes_a_follow_up_until_one_is_filed()
    {
        var incident = Decided(DecisionOutcome.ReportToIco);
        var initial = Filing(incident, Deadline.AddHours(-10), followUpExpected: true);

        var owed = IcoDuty.Of(incident, [initial], Deadline.AddDays(1));
        Assert.Equal(IcoDutyState.FollowUpOwed, owed.State);
        Assert.False(owed.Late);
        Assert.False(owed.Overdue);
        Assert.False(owed.RemindersRun);

        var followUp = Filing(incident, Deadline.AddDays(2), FilingPhase.FollowUp);
        Assert.Equal(IcoDutyState.ReportedOnTime, IcoDuty.Of(incident, [initial, followUp], Deadline.AddDays(3)).State);
    }

    [Fact]
    public void Filings_of_other_incidents_do_not_count()
    {
        var incident = Decided(DecisionOutcome.ReportToIco);
        var other = Decided(DecisionOutcome.ReportToIco);

        Assert.Equal(IcoDutyState.ReportOwed, IcoDuty.Of(incident, [Filing(other, Deadline.AddHours(-1))], Deadline).State);
    }

    [Fact]
    public void A_closed_incident_shows_no_countdown_and_runs_no_reminders()
    {
        var incident = Decided(DecisionOutcome.ReportToIco);
        var filing = Filing(incident, Deadline.AddHours(-30));
        incident.Close("Check recipients.", 0, false, null, Deadline.AddHours(-20));

        var reported = IcoDuty.Of(incident, [filing], Deadline.AddHours(-19));
        Assert.Equal(IcoDutyState.ReportedOnTime, reported.State);
        Assert.Null(reported.Countdown);
        Assert.False(reported.RemindersRun);

        // Closed with the report still owed: no countdown and no reminders, though the report is still owed.
        var unreported = Decided(DecisionOutcome.ReportToIco);
        unreported.Close("Closed early.", 0, false, null, Deadline.AddHours(-20));
        var owed = IcoDuty.Of(unreported, [], Deadline.AddHours(-19));
        Assert.Equal(IcoDutyState.ReportOwed, owed.State);
        Assert.Null(owed.Countdown);
        Assert.False(owed.RemindersRun);
    }

    [Fact]
    public void A_reopened_incident_takes_up_its_duty_where_it_stood()
    {
        var incident = Decided(DecisionOutcome.ReportToIco);
        incident.Close("Closed early.", 0, false, null, Deadline.AddHours(-20));
        incident.Reopen("The report was never filed.");

        var duty = IcoDuty.Of(incident, [], Deadline.AddHours(-19));
        Assert.Equal(IcoDutyState.ReportOwed, duty.State);
        Assert.Equal("19 hours left", duty.Countdown);
        Assert.True(duty.RemindersRun);

        var filed = IcoDuty.Of(incident, [Filing(incident, Deadline.AddHours(-18))], Deadline.AddHours(-17));
        Assert.Equal(IcoDutyState.ReportedOnTime, filed.State);
    }

    [Theory]
    [InlineData(IcoDutyState.DecisionOwed, "Decision owed")]
    [InlineData(IcoDutyState.ReportOwed, "Report to the ICO owed")]
    [InlineData(IcoDutyState.ReportedOnTime, "Reported on time")]
    [InlineData(IcoDutyState.ReportedLate, "Reported late")]
    [InlineData(IcoDutyState.NotReportable, "Not reportable")]
    public void States_read_in_plain_english(IcoDutyState state, string expected) => Assert.Equal(expected, state.Describe());
}
