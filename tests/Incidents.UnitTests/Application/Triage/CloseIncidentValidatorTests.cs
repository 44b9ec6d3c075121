using FluentValidation.TestHelper;
using Incidents.Application.Features.Triage;

namespace Incidents.UnitTests.Application.Triage;

public sealed class CloseIncidentValidatorTests
{
    private readonly CloseIncidentValidator _validator = new();

    private static CloseIncidentCommand Valid() => new(Guid.NewGuid(), 5, "Check recipients before sending.");

    [Fact]
    public void Closing_with_lessons_learned_is_valid()
    {
        _validator.TestValidate(Valid()).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Forcing_a_close_without_a_reason_is_invalid(string? reason)
    {
        _validator.TestValidate(Valid() with { Force = true, ForceReason = reason })
            .ShouldHaveValidationErrorFor(c => c.ForceReason)
            .WithErrorMessage("Give the reason for closing with actions still open.");
    }

    [Fact]
    public void Forcing_a_close_with_a_reason_is_valid()
    {
        _validator.TestValidate(Valid() with { Force = true, ForceReason = "The supplier will not respond." })
            .ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Closing_without_lessons_learned_is_invalid()
    {
        _validator.TestValidate(Valid() with { LessonsLearned = null }).ShouldHaveValidationErrorFor(c => c.LessonsLearned);
    }

    [Fact]
    public void Closing_without_a_version_is_invalid()
    {
        _validator.TestValidate(Valid() with { Version = null }).ShouldHaveValidationErrorFor(c => c.Version);
    }
}
