using FluentValidation.TestHelper;
using Incidents.Application.Features.Agreements;

namespace Incidents.UnitTests.Application.Agreements;

public sealed class SuspensionValidatorTests
{
    private readonly SuspendAgreementValidator _suspend = new();
    private readonly LiftSuspensionValidator _lift = new();

    private static SuspendAgreementCommand ValidSuspension() =>
        new(Guid.NewGuid(), "Pupil records were sent to the wrong school.", "Email of 3 May", [Guid.NewGuid()]);

    [Fact]
    public void A_suspension_with_a_reason_and_an_incident_is_valid()
    {
        _suspend.TestValidate(ValidSuspension()).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_suspension_without_a_reason_is_refused(string? reason)
    {
        var result = _suspend.TestValidate(ValidSuspension() with { Reason = reason });

        result.ShouldHaveValidationErrorFor(c => c.Reason).WithErrorMessage("Give the reason for suspending the agreement.");
    }

    [Fact]
    public void A_reason_longer_than_4000_characters_is_refused()
    {
        var result = _suspend.TestValidate(ValidSuspension() with { Reason = new string('x', 4001) });

        result.ShouldHaveValidationErrorFor(c => c.Reason);
    }

    [Fact]
    public void A_suspension_with_no_incidents_linked_is_refused()
    {
        var result = _suspend.TestValidate(ValidSuspension() with { IncidentIds = [] });

        result.ShouldHaveValidationErrorFor(c => c.IncidentIds).WithErrorMessage("Link at least one incident as evidence of a serious breach.");
    }

    [Fact]
    public void A_suspension_with_a_missing_incident_list_is_refused()
    {
        var result = _suspend.TestValidate(ValidSuspension() with { IncidentIds = null });

        result.ShouldHaveValidationErrorFor(c => c.IncidentIds);
    }

    [Fact]
    public void A_suspension_linking_more_than_100_incidents_is_refused()
    {
        var ids = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()).ToList();

        var result = _suspend.TestValidate(ValidSuspension() with { IncidentIds = ids });

        result.ShouldHaveValidationErrorFor(c => c.IncidentIds).WithErrorMessage("Link at most 100 incidents.");
    }

    [Fact]
    public void A_suspension_linking_exactly_100_incidents_is_accepted()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => Guid.NewGuid()).ToList();

        var result = _suspend.TestValidate(ValidSuspension() with { IncidentIds = ids });

        result.ShouldNotHaveValidationErrorFor(c => c.IncidentIds);
    }

    [Fact]
    public void Evidence_is_optional_but_limited_to_10000_characters()
    {
        _suspend.TestValidate(ValidSuspension() with { Evidence = null }).ShouldNotHaveValidationErrorFor(c => c.Evidence);
        _suspend.TestValidate(ValidSuspension() with { Evidence = new string('x', 10_001) }).ShouldHaveValidationErrorFor(c => c.Evidence);
    }

    [Fact]
    public void Lifting_with_a_reason_is_valid()
    {
        _lift.TestValidate(new LiftSuspensionCommand(Guid.NewGuid(), Guid.NewGuid(), "The breach is resolved.")).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void Lifting_without_a_reason_is_refused(string? reason)
    {
        var result = _lift.TestValidate(new LiftSuspensionCommand(Guid.NewGuid(), Guid.NewGuid(), reason));

        result.ShouldHaveValidationErrorFor(c => c.Reason).WithErrorMessage("Give the reason for lifting the suspension.");
    }

    [Fact]
    public void Lifting_with_a_reason_longer_than_4000_characters_is_refused()
    {
        var result = _lift.TestValidate(new LiftSuspensionCommand(Guid.NewGuid(), Guid.NewGuid(), new string('x', 4001)));

        result.ShouldHaveValidationErrorFor(c => c.Reason);
    }
}
