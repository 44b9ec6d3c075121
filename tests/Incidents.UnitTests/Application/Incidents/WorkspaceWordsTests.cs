using Incidents.Application.Common.Words;
using Incidents.Application.Features.Incidents;
using Incidents.Application.Features.Register;
using Incidents.Domain.Incidents;

namespace Incidents.UnitTests.Application.Incidents;

public sealed class WorkspaceWordsTests
{
    public static TheoryData<Enum> ShownValues()
    {
        var data = new TheoryData<Enum>();
        foreach (var type in Words.Vocabulary)
        {
            foreach (Enum value in Enum.GetValues(type))
            {
                data.Add(value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShownValues))]
    public void Every_value_of_a_shown_enum_has_words_that_are_not_its_identifier(Enum value)
    {
        var words = Words.Of(value);
        Assert.NotEqual("Other", words);
        Assert.False(string.IsNullOrWhiteSpace(words));
        Assert.True(words == value.ToString() || !words.Contains(value.ToString(), StringComparison.Ordinal) || !HasTwoCapitals(value.ToString()),
            $"{value.GetType().Name}.{value} reads as its identifier: {words}");
    }

    [Fact]
    public void The_audit_trail_says_what_changed_in_words()
    {
        const string before = """{"status":"Reported","classification":null,"assignee":null}""";
        const string after = """{"status":"Triaged","classification":"PersonalDataBreach","assignee":"Dana Whitfield"}""";

        Assert.Equal("Triaged as personal data breach.", AuditWords.Describe("Triaged", before, after));
        Assert.Equal(
            ["Status: Reported → Triaged", "Classification: not recorded → Personal data breach", "Assigned to: not recorded → Dana Whitfield"],
            AuditWords.Changes(before, after));
        Assert.Equal("Decided: Report to the ICO and tell the people affected.", AuditWords.Describe("Decided", null, """{"decision":"ReportToIcoAndDataSubjects"}"""));
        Assert.Equal("Changed the record.", AuditWords.Describe("SomethingNew", null, null));
    }

    [Fact]
    public void Tasks_that_do_not_apply_yet_cannot_start_and_a_reporter_may_do_none()
    {
        var dpo = new IncidentRights(Manage: true, WorkOnActions: true, ResendNotices: true);
        var reporter = new IncidentRights(false, false, false);
        var incident = Incident(classification: null, decision: null);

        var tasks = IncidentTasks.For(incident, dpo).ToDictionary(t => t.Key);
        Assert.Equal(IncidentTaskStatus.NotStarted, tasks[IncidentTasks.Triage].Status);
        Assert.True(tasks[IncidentTasks.Triage].Linked);
        Assert.Equal(IncidentTaskStatus.CannotStartYet, tasks[IncidentTasks.Decision].Status);
        Assert.False(tasks[IncidentTasks.Decision].Linked);
        Assert.Equal(IncidentTaskStatus.CannotStartYet, tasks[IncidentTasks.IcoReport].Status);
        Assert.All(IncidentTasks.For(incident, reporter), t => Assert.False(t.Linked));

        var triaged = IncidentTasks.For(Incident(TriageClassification.PersonalDataBreach, null), dpo).ToDictionary(t => t.Key);
        Assert.Equal(IncidentTaskStatus.Done, triaged[IncidentTasks.Triage].Status);
        Assert.Equal(IncidentTaskStatus.NotStarted, triaged[IncidentTasks.Decision].Status);

        var notBreach = IncidentTasks.For(Incident(TriageClassification.NotABreach, null), dpo).ToDictionary(t => t.Key);
        Assert.Equal(IncidentTaskStatus.CannotStartYet, notBreach[IncidentTasks.Decision].Status);

        var decided = IncidentTasks.For(Incident(TriageClassification.PersonalDataBreach, DecisionOutcome.ReportToIcoAndDataSubjects), dpo).ToDictionary(t => t.Key);
        Assert.Equal(IncidentTaskStatus.Done, decided[IncidentTasks.Decision].Status);
        Assert.Equal(IncidentTaskStatus.NotStarted, decided[IncidentTasks.IcoReport].Status);
        Assert.Equal(IncidentTaskStatus.NotStarted, decided[IncidentTasks.PeopleAffected].Status);

        var recordOnly = IncidentTasks.For(Incident(TriageClassification.PersonalDataBreach, DecisionOutcome.RecordOnly), dpo).ToDictionary(t => t.Key);
        Assert.Equal(IncidentTaskStatus.CannotStartYet, recordOnly[IncidentTasks.IcoReport].Status);
        Assert.Equal("The decision is not to report it to the ICO.", recordOnly[IncidentTasks.IcoReport].Hint);
        // Not telling them is a decision too: the task opens to record the Article 34(3) exception relied on.
        Assert.Equal(IncidentTaskStatus.NotStarted, recordOnly[IncidentTasks.PeopleAffected].Status);
        Assert.True(recordOnly[IncidentTasks.PeopleAffected].Linked);
        Assert.Contains("Article 34(3)", recordOnly[IncidentTasks.PeopleAffected].Hint, StringComparison.Ordinal);
    }

    private static bool HasTwoCapitals(string name) => name.Skip(1).Any(char.IsUpper);

    private static IncidentDetails Incident(TriageClassification? classification, DecisionOutcome? decision)
    {
        var now = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
        var state = decision is null ? IcoDutyState.DecisionOwed : decision == DecisionOutcome.RecordOnly ? IcoDutyState.NotReportable : IcoDutyState.ReportOwed;
        var duty = new IcoDutyView(state, state.Describe(), now, null, now.AddHours(72), decision != DecisionOutcome.RecordOnly, false, false, null, null, 2880, "2 days left");
        return new IncidentDetails(
            Guid.NewGuid(), "INC-2026-00001", IncidentKind.ConfidentialityBreach, classification is null ? IncidentStatus.Reported : IncidentStatus.Triaged,
            new OrganisationRef(Guid.NewGuid(), "Mersey Vale"), new OrganisationRef(Guid.NewGuid(), "SIL"), Guid.NewGuid(), "Staff", now, now,
            new IcoClockView(true, now, now.AddHours(72), 72, false, decision is null), "Summary", "Description", ["Names"], 3, "", [], [], 1,
            new TriageView(classification, classification is null ? null : now, null, null, null),
            decision is { } d ? new DecisionView(true, true, d == DecisionOutcome.ReportToIcoAndDataSubjects, d, "Reasons", now, "DPO") : null,
            [], [], [], null, [], duty);
    }
}
