using FluentValidation.TestHelper;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Incidents;

namespace Incidents.UnitTests.Application.Triage;

public sealed class DecideIncidentValidatorTests
{
    private readonly DecideIncidentValidator _validator = new();

    private static DecideIncidentCommand Valid() =>
        new(Guid.NewGuid(), 3, true, true, false, DecisionOutcome.ReportToIco, "A class list went to one parent.");

    [Fact]
    public void A_complete_decision_matching_the_answers_is_valid()
    {
        _validator.TestValidate(Valid()).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void A_decision_without_a_version_is_invalid()
    {
        _validator.TestValidate(Valid() with { Version = null }).ShouldHaveValidationErrorFor(c => c.Version);
    }

    [Fact]
    public void A_decision_without_the_personal_data_answer_is_invalid()
    {
        var result = _validator.TestValidate(Valid() with { PersonalDataOfLivingPeople = null });

        result.ShouldHaveValidationErrorFor(c => c.PersonalDataOfLivingPeople);
        result.ShouldNotHaveValidationErrorFor(c => c.Outcome);
    }

    [Fact]
    public void A_decision_without_the_risk_answer_is_invalid()
    {
        _validator.TestValidate(Valid() with { RiskLikely = null }).ShouldHaveValidationErrorFor(c => c.RiskLikely);
    }

    [Fact]
    public void A_decision_without_the_high_risk_answer_is_invalid()
    {
        _validator.TestValidate(Valid() with { HighRisk = null }).ShouldHaveValidationErrorFor(c => c.HighRisk);
    }

    [Fact]
    public void A_decision_without_an_outcome_is_invalid()
    {
        _validator.TestValidate(Valid() with { Outcome = null })
            .ShouldHaveValidationErrorFor(c => c.Outcome)
            .WithErrorMessage("Choose the decision.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_decision_without_reasons_is_invalid(string? rationale)
    {
        _validator.TestValidate(Valid() with { Rationale = rationale }).ShouldHaveValidationErrorFor(c => c.Rationale);
    }

    [Fact]
    public void Reasons_longer_than_the_limit_are_invalid()
    {
        _validator.TestValidate(Valid() with { Rationale = new string('r', DecideIncidentValidator.RationaleMaxLength + 1) })
            .ShouldHaveValidationErrorFor(c => c.Rationale);
    }

    [Fact]
    public void Reasons_at_the_limit_are_valid()
    {
        _validator.TestValidate(Valid() with { Rationale = new string('r', DecideIncidentValidator.RationaleMaxLength) })
            .ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(true, true, false, DecisionOutcome.RecordOnly, "These answers require at least ReportToIco.")]
    [InlineData(true, true, true, DecisionOutcome.RecordOnly, "These answers require at least ReportToIcoAndDataSubjects.")]
    [InlineData(true, true, true, DecisionOutcome.ReportToIco, "These answers require at least ReportToIcoAndDataSubjects.")]
    public void An_outcome_below_what_the_answers_require_is_an_error_on_the_outcome(
        bool personalData, bool riskLikely, bool highRisk, DecisionOutcome outcome, string message)
    {
        var command = Valid() with { PersonalDataOfLivingPeople = personalData, RiskLikely = riskLikely, HighRisk = highRisk, Outcome = outcome };

        _validator.TestValidate(command)
            .ShouldHaveValidationErrorFor(c => c.Outcome)
            .WithErrorMessage(message)
            .Only();
    }

    [Theory]
    [InlineData(false, false, false, DecisionOutcome.ReportToIco)]
    [InlineData(true, false, false, DecisionOutcome.ReportToIcoAndDataSubjects)]
    [InlineData(true, true, false, DecisionOutcome.ReportToIcoAndDataSubjects)]
    public void A_voluntary_outcome_above_what_the_answers_require_is_valid(bool personalData, bool riskLikely, bool highRisk, DecisionOutcome outcome)
    {
        var command = Valid() with { PersonalDataOfLivingPeople = personalData, RiskLikely = riskLikely, HighRisk = highRisk, Outcome = outcome };

        _validator.TestValidate(command).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void An_outcome_outside_the_list_is_invalid()
    {
        _validator.TestValidate(Valid() with { Outcome = (DecisionOutcome)42 }).ShouldHaveValidationErrorFor(c => c.Outcome);
    }
}
