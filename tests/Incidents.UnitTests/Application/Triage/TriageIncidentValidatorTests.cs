using FluentValidation.TestHelper;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Incidents;
using Microsoft.Extensions.Time.Testing;

namespace Incidents.UnitTests.Application.Triage;

public sealed class TriageIncidentValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 10, 0, 0, TimeSpan.Zero);

    private readonly TriageIncidentValidator _validator = new(new FakeTimeProvider(Now));

    private static SeverityInput Severity(int? context = 2, double? ease = 0.75) =>
        new(context, true, ease, 0.5, 0, 0.25, false);

    private static TriageIncidentCommand Valid() =>
        new(Guid.NewGuid(), 0, TriageClassification.PersonalDataBreach, Now.AddHours(-3), null, Severity());

    [Fact]
    public void A_complete_triage_is_valid()
    {
        _validator.TestValidate(Valid()).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void A_triage_without_awareness_or_severity_is_valid()
    {
        _validator.TestValidate(Valid() with { AwareAt = null, Severity = null }).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void A_triage_without_a_version_is_invalid()
    {
        _validator.TestValidate(Valid() with { Version = null }).ShouldHaveValidationErrorFor(c => c.Version);
    }

    [Fact]
    public void A_triage_without_a_classification_is_invalid()
    {
        _validator.TestValidate(Valid() with { Classification = null })
            .ShouldHaveValidationErrorFor(c => c.Classification)
            .WithErrorMessage("Classify the incident.");
    }

    [Fact]
    public void Awareness_in_the_future_is_invalid()
    {
        _validator.TestValidate(Valid() with { AwareAt = Now.AddMinutes(1) })
            .ShouldHaveValidationErrorFor(c => c.AwareAt)
            .WithErrorMessage("When SIL became aware must be in the past.");
    }

    [Fact]
    public void Awareness_of_exactly_now_is_valid()
    {
        _validator.TestValidate(Valid() with { AwareAt = Now }).ShouldNotHaveValidationErrorFor(c => c.AwareAt);
    }

    [Fact]
    public void Awareness_before_2000_is_invalid()
    {
        _validator.TestValidate(Valid() with { AwareAt = new DateTimeOffset(1999, 12, 31, 23, 0, 0, TimeSpan.Zero) })
            .ShouldHaveValidationErrorFor(c => c.AwareAt);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0)]
    [InlineData(1.25)]
    public void An_ease_of_identification_off_the_scale_is_invalid(double ease)
    {
        _validator.TestValidate(Valid() with { Severity = Severity(ease: ease) })
            .ShouldHaveValidationErrorFor(c => c.Severity!.EaseOfIdentification)
            .WithErrorMessage("Ease of identification is 0.25, 0.5, 0.75 or 1.");
    }

    [Fact]
    public void A_severity_without_an_ease_of_identification_is_invalid()
    {
        _validator.TestValidate(Valid() with { Severity = Severity(ease: null) })
            .ShouldHaveValidationErrorFor(c => c.Severity!.EaseOfIdentification);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_data_processing_context_off_the_scale_is_invalid(int context)
    {
        _validator.TestValidate(Valid() with { Severity = Severity(context: context) })
            .ShouldHaveValidationErrorFor(c => c.Severity!.DataProcessingContext);
    }

    [Fact]
    public void A_severity_without_a_data_processing_context_is_invalid()
    {
        _validator.TestValidate(Valid() with { Severity = Severity(context: null) })
            .ShouldHaveValidationErrorFor(c => c.Severity!.DataProcessingContext);
    }

    [Fact]
    public void A_circumstance_off_the_scale_is_invalid()
    {
        var severity = new SeverityInput(2, false, 1, 0.4, 0, 0, false);

        _validator.TestValidate(Valid() with { Severity = severity })
            .ShouldHaveValidationErrorFor(c => c.Severity!.Confidentiality);
    }
}
