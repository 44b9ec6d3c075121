using Incidents.Domain.Incidents;

namespace Incidents.UnitTests.Domain;

public sealed class IcoSelfAssessmentTests
{
    [Theory]
    [InlineData(false, false, false, DecisionOutcome.RecordOnly)]
    [InlineData(false, false, true, DecisionOutcome.RecordOnly)]
    [InlineData(false, true, false, DecisionOutcome.RecordOnly)]
    [InlineData(false, true, true, DecisionOutcome.RecordOnly)]
    [InlineData(true, false, false, DecisionOutcome.RecordOnly)]
    [InlineData(true, false, true, DecisionOutcome.RecordOnly)]
    [InlineData(true, true, false, DecisionOutcome.ReportToIco)]
    [InlineData(true, true, true, DecisionOutcome.ReportToIcoAndDataSubjects)]
    public void The_answers_set_the_least_outcome_required(bool personalData, bool riskLikely, bool highRisk, DecisionOutcome expected)
    {
        Assert.Equal(expected, IcoSelfAssessment.Required(personalData, riskLikely, highRisk));
    }

    [Theory]
    [InlineData(DecisionOutcome.RecordOnly, false)]
    [InlineData(DecisionOutcome.ReportToIco, true)]
    [InlineData(DecisionOutcome.ReportToIcoAndDataSubjects, true)]
    public void Only_a_decision_to_record_it_does_not_go_to_the_ico(DecisionOutcome outcome, bool expected)
    {
        Assert.Equal(expected, outcome.RequiresIco());
    }
}
