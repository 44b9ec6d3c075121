using FluentValidation.TestHelper;
using Incidents.Application.Features.Triage;
using Incidents.Domain.Incidents;
using Microsoft.Extensions.Time.Testing;

namespace Incidents.UnitTests.Application.Triage;

public sealed class RecordDataSubjectNoticeValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 10, 0, 0, TimeSpan.Zero);

    private readonly RecordDataSubjectNoticeValidator _validator = new(new FakeTimeProvider(Now));

    private static RecordDataSubjectNoticeCommand Told() =>
        new(Guid.NewGuid(), 4, Now.AddHours(-1), NoticeMethod.Letter, 28, null, null);

    private static RecordDataSubjectNoticeCommand Excepted() =>
        new(Guid.NewGuid(), 4, null, null, null, NoticeException.DataUnintelligible, "The laptop's disk was encrypted.");

    [Fact]
    public void A_notice_saying_when_how_and_how_many_is_valid()
    {
        _validator.TestValidate(Told()).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void A_notice_without_an_exception_needs_when_people_were_told()
    {
        _validator.TestValidate(Told() with { NotifiedAt = null })
            .ShouldHaveValidationErrorFor(c => c.NotifiedAt)
            .WithErrorMessage("Enter when people were told, or the exception relied on.");
    }

    [Fact]
    public void A_notice_without_an_exception_needs_how_people_were_told()
    {
        _validator.TestValidate(Told() with { Method = null })
            .ShouldHaveValidationErrorFor(c => c.Method)
            .WithErrorMessage("Say how people were told.");
    }

    [Fact]
    public void A_notice_without_an_exception_needs_how_many_people_were_told()
    {
        _validator.TestValidate(Told() with { PeopleNotified = null })
            .ShouldHaveValidationErrorFor(c => c.PeopleNotified)
            .WithErrorMessage("Say how many people were told.");
    }

    [Fact]
    public void A_notice_told_more_than_five_minutes_in_the_future_is_invalid()
    {
        _validator.TestValidate(Told() with { NotifiedAt = Now.AddMinutes(6) })
            .ShouldHaveValidationErrorFor(c => c.NotifiedAt)
            .WithErrorMessage("When people were told must be in the past.");
    }

    [Fact]
    public void A_negative_number_of_people_told_is_invalid()
    {
        _validator.TestValidate(Told() with { PeopleNotified = -1 }).ShouldHaveValidationErrorFor(c => c.PeopleNotified);
    }

    [Fact]
    public void A_notice_relying_on_an_exception_with_notes_needs_nothing_else()
    {
        _validator.TestValidate(Excepted()).ShouldNotHaveAnyValidationErrors();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_notice_relying_on_an_exception_needs_notes_explaining_it(string? notes)
    {
        _validator.TestValidate(Excepted() with { Notes = notes })
            .ShouldHaveValidationErrorFor(c => c.Notes)
            .WithErrorMessage("Explain why the exception applies.");
    }

    [Fact]
    public void A_notice_without_a_version_is_invalid()
    {
        _validator.TestValidate(Told() with { Version = null }).ShouldHaveValidationErrorFor(c => c.Version);
    }
}
